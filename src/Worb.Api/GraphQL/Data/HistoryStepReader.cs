using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>
/// Finds steps from the <c>history</c> table (one row per logged key per step) without reading any line. A key that
/// is dense in the range — a number at every step from its first to its last there, which its block summaries prove
/// (<c>history_blocks</c> counts the numbers per 64 steps) — only narrows the range; the other keys are read by a
/// range scan of the primary key (run, key, step) and intersected in step order.
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

        var sparse = new List<long>(keyIds.Count);
        foreach (var keyId in keyIds)
        {
            if (await ExtentAsync(connection, runId, keyId, from, to, cancellationToken) is not var (first, last))
            {
                return []; // the key has no row in the range
            }
            if (await CountNumbersAsync(connection, runId, keyId, first, last, cancellationToken) == last - first + 1)
            {
                (from, to) = (Math.Max(from, first), Math.Min(to, last));
            }
            else
            {
                sparse.Add(keyId);
            }
        }
        if (to < from)
        {
            return [];
        }
        if (sparse.Count == 0)
        {
            return to - from < int.MaxValue ? new ContiguousSteps(from, (int)(to - from + 1)) : throw new NotSupportedException("More than 2^31 steps.");
        }
        List<long>? steps = null;
        foreach (var keyId in sparse)
        {
            steps = await IntersectAsync(connection, runId, keyId, from, to, steps, cancellationToken);
            if (steps.Count == 0)
            {
                break;
            }
        }
        return steps!;
    }

    /// <summary>The key's first and last step in [from, to] (two seeks of the primary key), or null when it has none.</summary>
    private static async Task<(long First, long Last)?> ExtentAsync(
        SqliteConnection connection, long runId, long keyId, long from, long to, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT step FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step <= $to ORDER BY step LIMIT 1),
                   (SELECT step FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step <= $to ORDER BY step DESC LIMIT 1);
            """;
        Bind(command, runId, keyId, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// How many numbers (not NaN, not text) the key has in [first, last]: whole blocks from their summaries, the
    /// partial blocks at the ends from their rows.
    /// </summary>
    private static async Task<long> CountNumbersAsync(
        SqliteConnection connection, long runId, long keyId, long first, long last, CancellationToken cancellationToken)
    {
        var blocks = HistoryBlockLevel.Fine;
        var (firstWhole, lastWhole) = blocks.WholeBlocksWithin(first, last);
        await using var command = connection.CreateCommand();
        if (firstWhole > lastWhole)
        {
            command.CommandText = "SELECT COUNT(*) FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step <= $to AND value IS NOT NULL;";
            Bind(command, runId, keyId, first, last);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        command.CommandText = """
            SELECT (SELECT COALESCE(SUM(value_count), 0) FROM history_blocks
                    WHERE run_id = $run AND key_id = $key AND block >= $firstWhole AND block <= $lastWhole)
                 + (SELECT COUNT(*) FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step < $wholeFrom AND value IS NOT NULL)
                 + (SELECT COUNT(*) FROM history WHERE run_id = $run AND key_id = $key AND step > $wholeTo AND step <= $to AND value IS NOT NULL);
            """;
        Bind(command, runId, keyId, first, last);
        command.Parameters.AddWithValue("$firstWhole", firstWhole);
        command.Parameters.AddWithValue("$lastWhole", lastWhole);
        command.Parameters.AddWithValue("$wholeFrom", blocks.FirstStep(firstWhole));
        command.Parameters.AddWithValue("$wholeTo", blocks.LastStep(lastWhole));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void Bind(SqliteCommand command, long runId, long keyId, long from, long to)
    {
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
    }

    /// <summary>The key's steps in [from, to]; only those also in <paramref name="within"/> when it is given.</summary>
    private static async Task<List<long>> IntersectAsync(
        SqliteConnection connection, long runId, long keyId, long from, long to, List<long>? within, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step FROM history WHERE run_id = $run AND key_id = $key AND step >= $from AND step <= $to ORDER BY step;";
        Bind(command, runId, keyId, from, to);
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
