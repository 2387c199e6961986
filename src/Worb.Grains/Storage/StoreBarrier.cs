using Worb.Grains.Interfaces;

namespace Worb.Grains.Storage;

/// <summary>
/// Makes reads that span runs see every acknowledged write: every active silo's store grain drains its
/// write-ahead log first. (Single-run reads use <see cref="IRunGrain.EnsureStoredAsync"/>, which only waits for
/// that run's own chunks.)
/// </summary>
public sealed class StoreBarrier(IGrainFactory grains) : IStoreBarrier
{
    public async Task FlushAllAsync(CancellationToken cancellationToken = default)
    {
        // Each silo's log is named after the silo (WorbOptions.SiloName) and drained by the store grain of that name.
        var silos = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        await Task.WhenAll(silos.Select(silo => grains.GetGrain<IStoreGrain>(silo.SiloName).DrainAsync()))
            .WaitAsync(cancellationToken);
    }
}
