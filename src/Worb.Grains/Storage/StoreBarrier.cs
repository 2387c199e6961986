using Worb.Grains.Interfaces;
using Worb.Grains.Wal;

namespace Worb.Grains.Storage;

/// <summary>
/// Makes reads that span runs see every acknowledged write: the silo's store grain drains its write-ahead log
/// first. (Single-run reads use <see cref="IRunGrain.EnsureStoredAsync"/>, which also covers runs on other silos.)
/// </summary>
public sealed class StoreBarrier(IGrainFactory grains, IWriteAheadLog localLog) : IStoreBarrier
{
    public Task FlushAllAsync(CancellationToken cancellationToken = default) =>
        grains.GetGrain<IStoreGrain>(localLog.Id).FlushToAsync(localLog.DurablePosition).WaitAsync(cancellationToken);
}
