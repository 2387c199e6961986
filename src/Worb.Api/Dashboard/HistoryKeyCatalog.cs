using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>A logged key across the asked runs: what kind its latest value is and in how many runs it appears.</summary>
public sealed record HistoryKeyInfo(string Key, string Kind, int Runs);

/// <summary>
/// Lists the history keys of a set of runs without reading their rows: the <c>(run_id, key_id, step)</c> key is
/// walked key by key (a skip scan), then each key's newest row tells its kind (number, histogram, string, ...).
/// </summary>
public sealed class HistoryKeyCatalog(WorbDatabase database)
{
    public async Task<IReadOnlyList<HistoryKeyInfo>> ListAsync(string entity, string project, IReadOnlyList<string> runs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = new Dictionary<string, (string Kind, int Runs)>(StringComparer.Ordinal);
        foreach (var runId in await RunIdsAsync(connection, entity, project, runs, cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                WITH RECURSIVE keys(id) AS (
                    SELECT MIN(key_id) FROM history WHERE run_id = $run
                    UNION ALL
                    SELECT (SELECT MIN(key_id) FROM history WHERE run_id = $run AND key_id > keys.id) FROM keys WHERE keys.id IS NOT NULL
                )
                SELECT k.name,
                       (SELECT COALESCE(h.kind, 'number') FROM history h WHERE h.run_id = $run AND h.key_id = keys.id ORDER BY h.step DESC LIMIT 1)
                FROM keys JOIN metric_keys k ON k.id = keys.id;
                """;
            command.Parameters.AddWithValue("$run", runId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var kind = reader.GetString(1);
                found[name] = found.TryGetValue(name, out var seen)
                    ? (seen.Kind == "number" ? seen.Kind : kind, seen.Runs + 1)
                    : (kind, 1);
            }
        }
        return found.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new HistoryKeyInfo(k.Key, k.Value.Kind, k.Value.Runs)).ToList();
    }

    private static async Task<List<long>> RunIdsAsync(
        SqliteConnection connection, string entity, string project, IReadOnlyList<string> runs, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT r.id FROM runs r JOIN projects p ON p.id = r.project_id
            WHERE p.entity = $entity AND p.name = $project AND r.name IN ({string.Join(", ", runs.Select((_, i) => "$r" + i))});
            """;
        command.Parameters.AddWithValue("$entity", entity);
        command.Parameters.AddWithValue("$project", project);
        for (var i = 0; i < runs.Count; i++)
        {
            command.Parameters.AddWithValue("$r" + i, runs[i]);
        }
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }
}
