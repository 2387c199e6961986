using System.Diagnostics;
using Microsoft.Extensions.Logging;
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
    IWriteAheadLog log, ChunkBatchWriter writer, WalCursorStore cursors, long batchBytes, int batchLines, ILogger logger)
{
    private long? _cursor;

    /// <summary>How far the log is stored.</summary>
    public async Task<long> CursorAsync(CancellationToken cancellationToken = default) =>
        _cursor ??= await LoadCursorAsync(cancellationToken);

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

    /// <summary>Stores everything appended so far; returns the position reached.</summary>
    public async Task<long> DrainAsync(CancellationToken cancellationToken = default)
    {
        while (await DrainBatchAsync(cancellationToken))
        {
        }
        return await CursorAsync(cancellationToken);
    }

    /// <summary>Stores at least up to <paramref name="position"/>.</summary>
    public async Task FlushToAsync(long position, CancellationToken cancellationToken = default)
    {
        while (await CursorAsync(cancellationToken) < position && await DrainBatchAsync(cancellationToken))
        {
        }
    }

    /// <summary>Stores one batch; false when nothing was waiting.</summary>
    public async Task<bool> DrainBatchAsync(CancellationToken cancellationToken = default)
    {
        var cursor = await CursorAsync(cancellationToken);
        var records = log.Read(cursor, batchBytes);
        if (records.Count == 0)
        {
            return false;
        }
        var started = Stopwatch.GetTimestamp();
        var chunks = new List<StoredChunk>(records.Count);
        var lines = 0;
        var next = cursor;
        foreach (var record in records)
        {
            if (lines >= batchLines)
            {
                break; // the rest goes into the next transaction
            }
            next = record.NextPosition;
            var chunk = ChunkRecord.Decode(record.Payload);
            if (FileStreamParser.TryParse(chunk.Body, out var request, out var error))
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
        await writer.WriteAsync(chunks, log.Id, next, cancellationToken);
        _cursor = next;
        log.Release(next);
        logger.LogDebug(
            "Stored {Chunks} chunks up to {Position} in {ElapsedMs:F1} ms",
            chunks.Count, next, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }
}
