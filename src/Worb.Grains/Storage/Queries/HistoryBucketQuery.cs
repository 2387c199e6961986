using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Worb.Grains.Storage.Queries;

/// <summary>
/// Splits one metric of one run into at most N buckets of equal step width and answers per bucket (first step,
/// last step, last value, min, max, count) over its numeric values (NaN and non-numbers are not counted). Exact.
/// With <c>finiteOnly</c>, ±Infinity are not counted either (a block whose summary holds one is read from its rows).
/// </summary>
/// <remarks>
/// Buckets are read from the coarsest level of block summaries (<see cref="HistoryBlockLevel"/>) whose blocks fit in
/// a bucket: the bucket width is rounded up to whole blocks of that level and aligned to them, so a range is read as
/// its whole blocks — a few per bucket, however long the run — plus, at the range's two ends, the partial blocks
/// read one level finer, down to the raw <c>history</c> rows. Ranges narrower than 64 steps per bucket read the
/// rows themselves (at most buckets × 64 of them).
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
        // The coarsest level whose blocks fit in a bucket (0: none, read the rows).
        var levels = HistoryBlockLevel.All.Count(level => width >= level.Size);
        if (levels > 0)
        {
            // Align the buckets to that level's blocks; the width is chosen so that the alignment adds no bucket.
            var level = HistoryBlockLevel.All[levels - 1];
            origin = level.FirstStep(level.Of(lo));
            var blocksSpanned = level.Of(hi) - level.Of(lo) + 1;
            width = (long)Math.Ceiling(blocksSpanned / (double)bucketCount) * level.Size;
        }

        var pending = default(HistoryBucket);
        var pendingIndex = long.MinValue;
        await foreach (var part in ReadPartsAsync(connection, runId, keyId, lo, hi, levels, finiteOnly, cancellationToken))
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

    /// <summary>
    /// Pieces of [lo, hi] in step order: the whole blocks of the coarsest of the first <paramref name="levels"/> levels,
    /// and the partial blocks at either end (or a block whose summary holds an infinity, with finiteOnly) read one level
    /// finer, down to the raw values. Each piece lies within one block of every level used.
    /// </summary>
    private static async IAsyncEnumerable<HistoryBucket> ReadPartsAsync(
        SqliteConnection connection, long runId, long keyId, long lo, long hi, int levels, bool finiteOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (levels == 0)
        {
            await foreach (var value in ReadValuesAsync(connection, runId, keyId, lo, hi, finiteOnly, cancellationToken))
            {
                yield return value;
            }
            yield break;
        }
        var level = HistoryBlockLevel.All[levels - 1];
        var (firstWhole, lastWhole) = level.WholeBlocksWithin(lo, hi);
        if (firstWhole > lastWhole)
        {
            await foreach (var part in ReadPartsAsync(connection, runId, keyId, lo, hi, levels - 1, finiteOnly, cancellationToken))
            {
                yield return part;
            }
            yield break;
        }
        if (lo < level.FirstStep(firstWhole))
        {
            await foreach (var part in ReadPartsAsync(connection, runId, keyId, lo, level.FirstStep(firstWhole) - 1, levels - 1, finiteOnly, cancellationToken))
            {
                yield return part;
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT first_step, last_step, last_value, min_value, max_value, value_count FROM {level.Table}
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
                    // The summary counts an infinity: this block's finite values come from one level finer.
                    var number = level.Of(block.FirstStep);
                    await foreach (var part in ReadPartsAsync(
                        connection, runId, keyId, level.FirstStep(number), level.LastStep(number), levels - 1, finiteOnly, cancellationToken))
                    {
                        yield return part;
                    }
                    continue;
                }
                yield return block;
            }
        }
        if (level.LastStep(lastWhole) < hi)
        {
            await foreach (var part in ReadPartsAsync(connection, runId, keyId, level.LastStep(lastWhole) + 1, hi, levels - 1, finiteOnly, cancellationToken))
            {
                yield return part;
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
