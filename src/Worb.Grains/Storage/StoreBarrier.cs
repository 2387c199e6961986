using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains.Interfaces;

namespace Worb.Grains.Storage;

/// <summary>
/// Makes reads that span runs see every acknowledged write: every active silo's store grain drains its
/// write-ahead log first. (Single-run reads use <see cref="IRunGrain.EnsureStoredAsync"/>, which only waits for
/// that run's own chunks.)
/// </summary>
/// <remarks>
/// A silo that died but is still listed as active (membership takes a few seconds to notice) can't drain; its
/// acknowledged tail stays in its log until it starts again under its name. Reads go on from what is stored rather
/// than failing until membership catches up. This silo's own store is never skipped.
/// </remarks>
public sealed partial class StoreBarrier(IGrainFactory grains, IOptions<WorbOptions> options, ILogger<StoreBarrier> logger)
    : IStoreBarrier
{
    public async Task FlushAllAsync(CancellationToken cancellationToken = default)
    {
        // Each silo's log is named after the silo (WorbOptions.SiloName) and drained by the store grain of that name.
        var silos = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        await Task.WhenAll(silos.Select(silo => DrainAsync(silo.SiloName))).WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(string siloName)
    {
        try
        {
            await grains.GetGrain<IStoreGrain>(siloName).FlushAllAsync();
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException
            && !string.Equals(siloName, options.Value.SiloName, StringComparison.Ordinal))
        {
            LogUnreachable(siloName, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloName} is unreachable; reading without its unstored log tail ({Reason})")]
    private partial void LogUnreachable(string siloName, string reason);
}
