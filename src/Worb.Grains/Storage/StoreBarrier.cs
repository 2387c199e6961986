using Orleans;
using Worb.Grains.Interfaces;

namespace Worb.Grains.Storage;

/// <summary>
/// Makes reads see every acknowledged write: before a query that spans runs, every silo's store grain drains
/// its write-ahead log. (Single-run reads use <see cref="IRunGrain.EnsureStoredAsync"/> instead.)
/// </summary>
public sealed class StoreBarrier(IGrainFactory grains, Wal.IWriteAheadLog? localLog = null)
{
    public async Task FlushAllAsync(CancellationToken cancellationToken = default)
    {
        // TODO(spine): enumerate every silo's WAL id once multi-silo ids are registered; the local one suffices
        // for the single-process default.
        if (localLog is null)
        {
            return;
        }
        cancellationToken.ThrowIfCancellationRequested();
        await grains.GetGrain<IStoreGrain>(localLog.Id).FlushToAsync(localLog.DurablePosition);
    }
}
