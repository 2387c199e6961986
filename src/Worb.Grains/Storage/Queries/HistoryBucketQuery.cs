using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Worb.Grains.Storage.Queries;

/// <summary>
/// Splits one metric of one run into at most N buckets of equal step width and answers per bucket (first step,
/// last step, last value, min, max, count) over its numeric values (NaN and non-numbers are not counted). Exact.
/// With <c>finiteOnly</c>, ±Infinity are not counted either (a block whose summary holds one is read from its rows).
/// </summary>
/// <remarks>
/// When a bucket spans at least one 64-step block (<see cref="HistoryBlocks"/>), the bucket width is rounded up to
/// whole blocks and aligned to them, so buckets are read from <c>history_blocks</c> — about steps / 64 rows
/// however wide the range — plus the raw rows of the two partial blocks at the range's ends. Narrower ranges read
/// the <c>history</c> rows themselves (at most buckets × 64 of them).
/// </remarks>
public sealed class HistoryBucketQuery(WorbDatabase database)
{
    public const int MaxBuckets = 100_000;

    /// <summary>The id of a metric name, or null when no run ever logged it.</summary>
    public async Task<long?> FindKeyAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM metric_keys WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>Buckets by key name; nothing when the key is unknown.</summary>
    public async IAsyncEnumerable<HistoryBucket> QueryAsync(
        long runId, string key, long? minStep, long? maxStep, int bucketCount,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (await FindKeyAsync(key, cancellationToken) is not { } keyId)
        {
            yield break;
        }
        await foreach (var bucket in QueryAsync(runId, keyId, minStep, maxStep, bucketCount, cancellationToken))
        {
            yield return bucket;
        }
    }

    /// <summary>
    /// The non-empty buckets, in step order, of the values with <paramref name="minStep"/> &lt;= step &lt;=
    /// <paramref name="maxStep"/> (each defaults to the metric's own first/last step); at most
    /// <paramref name="bucketCount"/> of them.
    /// </summary>
    public IAsyncEnumerable<HistoryBucket> QueryAsync(
        long runId, long keyId, long? minStep, long? maxStep, int bucketCount, CancellationToken cancellationToken = default) =>
        QueryAsync(runId, keyId, minStep, maxStep, bucketCount, finiteOnly: false, cancellationToken);

    /// <summary>
    /// As the other overload; with <paramref name="finiteOnly"/> the buckets leave out ±Infinity as well as NaN.
    /// </summary>
    public async IAsyncEnumerable<HistoryBucket> QueryAsync(
        long runId, long keyId, long? minStep, long? maxStep, int bucketCount, bool finiteOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketCount, MaxBuckets);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (minStep is null || maxStep is null)
        {
            var (first, last) = await ReadExtentAsync(connection, runId, keyId, cancellationToken);
            if (first is null || last is null)
            {
                yield break;
            }
            minStep ??= first;
            maxStep ??= last;
        }
        var lo = minStep.Value;
        var hi = maxStep.Value;
        if (hi < lo)
        {
            yield break;
        }
        var span = (double)hi - lo + 1;
        var width = (long)Math.Ceiling(span / bucketCount);
        var origin = lo;
        var useBlocks = width >= HistoryBlocks.Size;
        if (useBlocks)
        {
            // Align the buckets to blocks; the width is chosen so that the alignment adds no bucket.
            origin = HistoryBlocks.FirstStep(HistoryBlocks.Of(lo));
            var blocksSpanned = HistoryBlocks.Of(hi) - HistoryBlocks.Of(lo) + 1;
            width = (long)Math.Ceiling(blocksSpanned / (double)bucketCount) * HistoryBlocks.Size;
        }

        var pending = default(HistoryBucket);
        var pendingIndex = long.MinValue;
        await foreach (var part in ReadPartsAsync(connection, runId, keyId, lo, hi, useBlocks, finiteOnly, cancellationToken))
        {
            var index = FloorDiv(part.FirstStep - origin, width);
            if (index == pendingIndex)
            {
                pending = pending.Then(part);
                continue;
            }
            if (pendingIndex != long.MinValue)
            {
                yield return pending;
            }
            pending = part;
            pendingIndex = index;
        }
        if (pendingIndex != long.MinValue)
        {
            yield return pending;
        }
    }

    /// <summary>Pieces in step order, each within one block: raw values, or whole blocks' summaries.</summary>
    private static async IAsyncEnumerable<HistoryBucket> ReadPartsAsync(
        SqliteConnection connection, long runId, long keyId, long lo, long hi, bool useBlocks, bool finiteOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!useBlocks)
        {
            await foreach (var value in ReadValuesAsync(connection, runId, keyId, lo, hi, finiteOnly, cancellationToken))
            {
                yield return value;
            }
            yield break;
        }
        // Whole blocks inside [lo, hi]; the partial blocks at either end come from the rows.
        var firstWhole = HistoryBlocks.FirstStep(HistoryBlocks.Of(lo)) == lo ? HistoryBlocks.Of(lo) : HistoryBlocks.Of(lo) + 1;
        var lastWhole = HistoryBlocks.LastStep(HistoryBlocks.Of(hi)) == hi ? HistoryBlocks.Of(hi) : HistoryBlocks.Of(hi) - 1;
        if (firstWhole > lastWhole)
        {
            await foreach (var value in ReadValuesAsync(connection, runId, keyId, lo, hi, finiteOnly, cancellationToken))
            {
                yield return value;
            }
            yield break;
        }
        if (lo < HistoryBlocks.FirstStep(firstWhole))
        {
            await foreach (var value in ReadValuesAsync(connection, runId, keyId, lo, HistoryBlocks.FirstStep(firstWhole) - 1, finiteOnly, cancellationToken))
            {
                yield return value;
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT first_step, last_step, last_value, min_value, max_value, value_count FROM history_blocks
                WHERE run_id = $run AND key_id = $key AND block BETWEEN $from AND $to
                ORDER BY block;
                """;
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$key", keyId);
            command.Parameters.AddWithValue("$from", firstWhole);
            command.Parameters.AddWithValue("$to", lastWhole);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var block = new HistoryBucket(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5));
                if (finiteOnly && !(double.IsFinite(block.Min) && double.IsFinite(block.Max)))
                {
                    // The summary counts an infinity: this block's finite values come from its rows.
                    var number = HistoryBlocks.Of(block.FirstStep);
                    await foreach (var value in ReadValuesAsync(
                        connection, runId, keyId, HistoryBlocks.FirstStep(number), HistoryBlocks.LastStep(number), finiteOnly, cancellationToken))
                    {
                        yield return value;
                    }
                    continue;
                }
                yield return block;
            }
        }
        if (HistoryBlocks.LastStep(lastWhole) < hi)
        {
            await foreach (var value in ReadValuesAsync(connection, runId, keyId, HistoryBlocks.LastStep(lastWhole) + 1, hi, finiteOnly, cancellationToken))
            {
                yield return value;
            }
        }
    }

    private static async IAsyncEnumerable<HistoryBucket> ReadValuesAsync(
        SqliteConnection connection, long runId, long keyId, long from, long to, bool finiteOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT step, value FROM history
            WHERE run_id = $run AND key_id = $key AND step BETWEEN $from AND $to AND value IS NOT NULL{(finiteOnly ? " AND abs(value) < 9e999" : "")}
            ORDER BY step;
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return HistoryBucket.Of(reader.GetInt64(0), reader.GetDouble(1));
        }
    }

    /// <summary>The first and last step with a numeric value of the metric (from its blocks), or nulls.</summary>
    public async Task<(long? First, long? Last)> ExtentAsync(long runId, long keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadExtentAsync(connection, runId, keyId, cancellationToken);
    }

    private static async Task<(long? First, long? Last)> ReadExtentAsync(
        SqliteConnection connection, long runId, long keyId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT first_step FROM history_blocks WHERE run_id = $run AND key_id = $key ORDER BY block LIMIT 1),
                   (SELECT last_step FROM history_blocks WHERE run_id = $run AND key_id = $key ORDER BY block DESC LIMIT 1);
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
