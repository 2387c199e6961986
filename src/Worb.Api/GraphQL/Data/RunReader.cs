using System.Text.Json;
using Microsoft.Data.Sqlite;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads rows of <c>runs</c> (with their project) as <see cref="RunRecord"/>s.</summary>
public sealed class RunReader(WorbDatabase database)
{
    private const string Select = """
        SELECT r.id, p.id, p.entity, p.name, p.created_at, r.name, r.display_name, r.description, r.notes,
               r.group_name, r.job_type, r.host, r.program, r.commit_hash, r.repo, r.sweep, r.tags, r.config,
               r.summary, r.system_metrics, r.state, r.exit_code, r.stopped, r.created_at, r.updated_at,
               r.heartbeat_at, r.history_line_count, r.events_line_count, r.log_line_count
        FROM runs r JOIN projects p ON p.id = r.project_id
        """;

    public async Task<RunRecord?> GetAsync(RunKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE p.entity = $entity AND p.name = $project AND r.name = $name;";
        command.Parameters.AddWithValue("$entity", key.Entity);
        command.Parameters.AddWithValue("$project", key.Project);
        command.Parameters.AddWithValue("$name", key.Run);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    /// <summary>Every run of the project, oldest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE r.project_id = $project ORDER BY r.created_at, r.id;";
        command.Parameters.AddWithValue("$project", projectId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Map(reader));
        }
        return runs;
    }

    private static RunRecord Map(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Project = new ProjectNode(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4)),
        Name = reader.GetString(5),
        DisplayName = reader.GetNullableString(6),
        Description = reader.GetNullableString(7),
        Notes = reader.GetNullableString(8),
        GroupName = reader.GetNullableString(9),
        JobType = reader.GetNullableString(10),
        Host = reader.GetNullableString(11),
        Program = reader.GetNullableString(12),
        Commit = reader.GetNullableString(13),
        Repo = reader.GetNullableString(14),
        Sweep = reader.GetNullableString(15),
        Tags = ParseTags(reader.GetString(16)),
        Config = reader.GetString(17),
        Summary = reader.GetString(18),
        SystemMetrics = reader.GetString(19),
        State = reader.GetString(20),
        ExitCode = reader.GetNullableInt64(21),
        Stopped = reader.GetInt64(22) != 0,
        CreatedAt = reader.GetDouble(23),
        UpdatedAt = reader.GetDouble(24),
        HeartbeatAt = reader.GetDouble(25),
        HistoryLineCount = reader.GetInt64(26),
        EventsLineCount = reader.GetInt64(27),
        LogLineCount = reader.GetInt64(28),
    };

    internal static IReadOnlyList<string> ParseTags(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string?>>(json)?.OfType<string>().ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
