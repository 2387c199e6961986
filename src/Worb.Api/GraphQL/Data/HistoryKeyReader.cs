using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads per-key value kinds from the <c>history</c> table.</summary>
public sealed class HistoryKeyReader(WorbDatabase database)
{
    /// <summary>How many values of each stored kind (NULL: a number) every key has, keys in first-seen order.</summary>
    public async Task<IReadOnlyList<HistoryKindCount>> ReadKindCountsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT k.name, COALESCE(h.kind, 'number'), COUNT(*)
            FROM history h JOIN metric_keys k ON k.id = h.key_id
            WHERE h.run_id = $run
            GROUP BY h.key_id, h.kind
            ORDER BY h.key_id, h.kind;
            """;
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<HistoryKindCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new HistoryKindCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return counts;
    }
}
