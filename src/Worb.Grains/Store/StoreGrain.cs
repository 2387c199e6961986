using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains.Diagnostics;
using Worb.Grains.Interfaces;
using Worb.Grains.Placement;
using Worb.Grains.Storage;
using Worb.Grains.Wal;

namespace Worb.Grains.Store;

/// <summary>
/// Drains this silo's write-ahead log into SQLite (see <see cref="WalDrainer"/>). Being a grain, its calls are
/// serialized: one batch at a time, and a flush request waits behind the batch in progress. It is keyed by the
/// log's id (the silo's name) and lives on the silo that owns the log file (<see cref="SiloNamePlacement"/>).
/// </summary>
[SiloNamePlacement]
public sealed class StoreGrain(
    IWriteAheadLog log,
    ChunkBatchWriter writer,
    WalCursorStore cursors,
    IOptions<WorbOptions> options,
    WorbMetrics metrics,
    ILogger<StoreGrain> logger) : Grain, IStoreGrain
{
    private WalDrainer _drainer = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != log.Id)
        {
            throw new InvalidOperationException(
                $"Store grain '{this.GetPrimaryKeyString()}' activated on the silo of log '{log.Id}'.");
        }
        _drainer = new WalDrainer(
            log, writer, cursors, options.Value.FlushPendingBytes, options.Value.FlushMaxRows, logger, metrics);
        return Task.CompletedTask;
    }

    /// <summary>How long one call may store before it answers (well below Orleans' 30 s response timeout).</summary>
    private static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(5);

    public Task<long> AppendedUpToAsync() => Task.FromResult(log.DurablePosition);

    public Task<long> StoreUpToAsync(long position) => _drainer.StoreUpToAsync(position, CallBudget);
}
