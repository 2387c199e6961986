using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>The last lines of one of a run's offset-addressed line tables (history_lines, events_lines).</summary>
internal static class LineTail
{
    /// <summary>The last <paramref name="count"/> lines by offset, oldest first. <paramref name="table"/> is one of ours, never input.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(
        WorbDatabase database, string table, long runId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT content FROM {table} WHERE run_id = $run ORDER BY line_no DESC LIMIT $count;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }
        lines.Reverse();
        return lines;
    }
}
