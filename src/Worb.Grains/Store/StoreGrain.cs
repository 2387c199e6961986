using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Worb.Grains.Interfaces;
using Worb.Grains.Protocol;
using Worb.Grains.Runs;
using Worb.Grains.Storage;
using Worb.Grains.Wal;

namespace Worb.Grains.Store;

/// <summary>
/// Drains this silo's write-ahead log into SQLite: reads the records past its cursor, writes them in one
/// transaction together with the new cursor, then lets the log discard what is stored. Being a grain, calls are
/// serialized: one batch at a time, and a flush request waits behind the batch in progress.
/// </summary>
[PreferLocalPlacement]
public sealed class StoreGrain(
    IWriteAheadLog log,
    ChunkBatchWriter writer,
    WalCursorStore cursors,
    IOptions<WorbOptions> options,
    ILogger<StoreGrain> logger) : Grain, IStoreGrain
{
    private long _cursor;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != log.Id)
        {
            throw new InvalidOperationException(
                $"Store grain '{this.GetPrimaryKeyString()}' activated on the silo of log '{log.Id}'.");
        }
        _cursor = await cursors.LoadAsync(log.Id, cancellationToken);
    }

    public async Task<long> DrainAsync()
    {
        while (await DrainBatchAsync())
        {
        }
        return _cursor;
    }

    public async Task FlushToAsync(long position)
    {
        while (_cursor < position && await DrainBatchAsync())
        {
        }
    }

    /// <summary>Stores one batch; false when nothing was waiting.</summary>
    private async Task<bool> DrainBatchAsync()
    {
        var records = log.Read(_cursor, options.Value.FlushPendingBytes);
        if (records.Count == 0)
        {
            return false;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var chunks = new List<StoredChunk>(records.Count);
        foreach (var record in records)
        {
            var chunk = ChunkRecord.Decode(record.Payload);
            if (FileStreamParser.TryParse(chunk.Body, out var request, out var error))
            {
                chunks.Add(new StoredChunk(chunk.RunId, chunk.ReceivedAtUnixMs, request));
            }
            else
            {
                // Only validated chunks are logged, so this means a bug or a changed parser; keep draining.
                logger.LogError("Skipping an unreadable chunk of run {RunId} at {Position}: {Error}", chunk.RunId, record.Position, error);
            }
        }
        var next = records[^1].NextPosition;
        await writer.WriteAsync(chunks, log.Id, next);
        _cursor = next;
        log.Release(next);
        logger.LogDebug(
            "Stored {Chunks} chunks up to {Position} in {ElapsedMs:F1} ms",
            chunks.Count, next, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }
}
