using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads <c>run_files</c>.</summary>
public sealed class RunFileReader(WorbDatabase database)
{
    /// <summary>The run's stored files, by name.</summary>
    public async Task<IReadOnlyList<RunFileRow>> ListAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT name, sha256, md5, size, updated_at FROM run_files WHERE run_id = $run ORDER BY name;";
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<RunFileRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new RunFileRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetDouble(4)));
        }
        return files;
    }

    public async Task<int> CountAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM run_files WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
