using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>
/// Finds steps from the <c>history</c> table (one row per logged key per step) without reading any line: a range
/// scan of the primary key (run, key, step) per key, intersected in step order.
/// </summary>
public sealed class HistoryStepReader(WorbDatabase database)
{
    /// <summary>
    /// The steps in [<paramref name="minStep"/>, <paramref name="maxStep"/>) at which every one of
    /// <paramref name="keys"/> was logged, ascending; empty when a key was never logged.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReadStepsWithAllKeysAsync(
        long runId, IReadOnlyList<string> keys, long? minStep, long? maxStep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        var from = minStep ?? long.MinValue;
        if (maxStep is { } max && (max == long.MinValue || max - 1 < from))
        {
            return [];
        }
        var to = maxStep is { } end ? end - 1 : long.MaxValue;
        await using var connection = await database.OpenAsync(cancellationToken);
        var keyIds = new List<long>(keys.Count);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (await FindKeyAsync(connection, key, cancellationToken) is not { } id)
            {
                return [];
            }
            keyIds.Add(id);
        }

        List<long>? steps = null;
        foreach (var keyId in keyIds)
        {
            steps = await IntersectAsync(connection, runId, keyId, from, to, steps, cancellationToken);
            if (steps.Count == 0)
            {
                break;
            }
        }
        return steps!;
    }

    /// <summary>The key's steps in [from, to]; only those also in <paramref name="within"/> when it is given.</summary>
    private static async Task<List<long>> IntersectAsync(
        SqliteConnection connection, long runId, long keyId, long from, long to, List<long>? within, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step <= $to ORDER BY step;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = new List<long>(within?.Count ?? 1024);
        var next = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var step = reader.GetInt64(0);
            if (within is null)
            {
                steps.Add(step);
                continue;
            }
            while (next < within.Count && within[next] < step)
            {
                next++;
            }
            if (next == within.Count)
            {
                break;
            }
            if (within[next] == step)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    private static async Task<long?> FindKeyAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM metric_keys WHERE name = $name;";
        command.Parameters.AddWithValue("$name", key);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }
}
