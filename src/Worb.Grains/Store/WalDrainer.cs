using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Worb.Grains.Diagnostics;
using Worb.Grains.Protocol;
using Worb.Grains.Runs;
using Worb.Grains.Storage;
using Worb.Grains.Wal;

namespace Worb.Grains.Store;

/// <summary>
/// Moves one write-ahead log into SQLite: reads the records past the stored cursor, writes them in one transaction
/// with the new cursor, then lets the log discard what is stored. Replaying records that are already stored
/// changes nothing (rows are addressed by offset and step), so a crash anywhere in between stores each line once.
/// Not thread-safe: its owner (the store grain) calls it one batch at a time.
/// </summary>
public sealed class WalDrainer(
    IWriteAheadLog log,
    ChunkBatchWriter writer,
    WalCursorStore cursors,
    long batchBytes,
    int batchLines,
    ILogger logger,
    WorbMetrics? metrics = null)
{
    private readonly HistoryBatchPreparer _preparer = new();
    private readonly PreparedBatch[] _buffers = [new(), new()];
    private long? _cursor;

    /// <summary>How far the log is stored.</summary>
    public async Task<long> CursorAsync(CancellationToken cancellationToken = default)
    {
        if (_cursor is null)
        {
            _cursor = await LoadCursorAsync(cancellationToken);
            metrics?.StoredUpTo(_cursor.Value);
        }
        return _cursor.Value;
    }

    private async Task<long> LoadCursorAsync(CancellationToken cancellationToken)
    {
        var cursor = await cursors.LoadAsync(log.Id, cancellationToken);
        if (cursor > log.DurablePosition)
        {
            // The log lost its tail (cut by hand, a disk that dropped writes, a deleted wal/ folder): new records
            // will be appended below the stored cursor, and draining from the old cursor would skip them. Going
            // back is safe, since rows are addressed by offset and step, so replaying stores nothing twice. The
            // new cursor is stored at once: after another crash the old one would skip what is appended next.
            var end = log.DurablePosition;
            logger.LogWarning(
                "Write-ahead log {WalId} ends at {Durable}, before the stored cursor {Cursor}; draining from its end",
                log.Id, end, cursor);
            await writer.WriteAsync([], log.Id, end, cancellationToken);
            return end;
        }
        log.Release(cursor);
        return cursor;
    }

    /// <summary>Stores everything appended so far, however long it takes; returns the position reached.</summary>
    public Task<long> DrainAsync(CancellationToken cancellationToken = default) =>
        StoreUpToAsync(long.MaxValue, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Stores batches until the cursor reaches <paramref name="position"/>, nothing waits, or <paramref name="budget"/>
    /// has passed (checked between batches; the first batch is always stored); returns the position reached.
    /// Pipelined: while one batch is written to SQLite (on the caller's thread), the next is read, parsed and scanned
    /// on the thread pool, so a backlog keeps both the writer and a second core busy.
    /// </summary>
    public async Task<long> StoreUpToAsync(long position, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var cursor = await CursorAsync(cancellationToken);
        if (cursor >= position)
        {
            return cursor;
        }
        var started = Stopwatch.GetTimestamp();
        // Two buffers take turns: one holds the batch being written, the other receives the next one.
        var next = PrepareInBackground(cursor, _buffers[0], cancellationToken);
        try
        {
            while (await next is { } batch)
            {
                var free = ReferenceEquals(batch.Prepared, _buffers[0]) ? _buffers[1] : _buffers[0];
                var inBudget = budget == Timeout.InfiniteTimeSpan || Stopwatch.GetElapsedTime(started) < budget;
                next = batch.End < position && inBudget
                    ? PrepareInBackground(batch.End, free, cancellationToken)
                    : Task.FromResult<ReadBatch?>(null);
                await WriteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            // A failed write leaves the next batch's preparation running; let it finish before its buffer is reused.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var buffer in _buffers)
            {
                buffer.Reset([]); // an idle store keeps no parsed lines alive
            }
        }
        return await CursorAsync(cancellationToken);
    }

    private Task<ReadBatch?> PrepareInBackground(long from, PreparedBatch buffer, CancellationToken cancellationToken) =>
        Task.Run(() => Prepare(from, buffer), cancellationToken);

    /// <summary>Reads the records past <paramref name="from"/> (up to the batch limits) and prepares them; null when none wait.</summary>
    private ReadBatch? Prepare(long from, PreparedBatch buffer)
    {
        var records = log.Read(from, batchBytes);
        if (records.Count == 0)
        {
            return null;
        }
        var chunks = new List<StoredChunk>(records.Count);
        var lines = 0;
        var next = from;
        foreach (var record in records)
        {
            if (lines >= batchLines)
            {
                break; // the rest goes into the next transaction
            }
            next = record.NextPosition;
            var chunk = ChunkRecord.Decode(record.Payload);
            if (FileStreamParser.TryParse(chunk.Body, out var request, out var error, validateLines: false))
            {
                chunks.Add(new StoredChunk(chunk.RunId, chunk.ReceivedAtUnixMs, request));
                lines += request.Files.Sum(file => file.Lines.Count);
            }
            else
            {
                // Only validated chunks are logged, so this means a bug or a changed parser; keep draining.
                logger.LogError("Skipping an unreadable chunk of run {RunId} at {Position}: {Error}", chunk.RunId, record.Position, error);
            }
        }
        _preparer.Prepare(chunks, buffer);
        return new ReadBatch(buffer, next);
    }

    private async Task WriteAsync(ReadBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var stats = await writer.WriteAsync(batch.Prepared, log.Id, batch.End, cancellationToken);
        _cursor = batch.End;
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics?.BatchStored(batch.End, stats.Lines, stats.Values, elapsed);
        log.Release(batch.End);
        logger.LogDebug(
            "Stored {Chunks} chunks ({Lines} lines, {Values} values) up to {Position} in {ElapsedMs:F1} ms",
            batch.Prepared.Chunks.Count, stats.Lines, stats.Values, batch.End, elapsed.TotalMilliseconds);
    }

    /// <summary>A prepared batch and the log position just past its last record.</summary>
    private sealed record ReadBatch(PreparedBatch Prepared, long End);
}
