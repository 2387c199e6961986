using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.Artifacts;

/// <summary>
/// Deletes artifacts that were never committed once they are older than <see cref="WorbOptions.PendingArtifactTimeoutSeconds"/>
/// (their metadata; uploaded bytes stay in the content-addressed store, where other files may share them).
/// Runs every quarter of the timeout, at most hourly and at least every second.
/// </summary>
public sealed class PendingArtifactCleanupService(
    ArtifactWriter writer, IOptions<WorbOptions> options, TimeProvider clock, ILogger<PendingArtifactCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.PendingArtifactTimeoutSeconds));
        var interval = TimeSpan.FromSeconds(Math.Clamp(timeout.TotalSeconds / 4, 1, 3600));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await writer.DeletePendingAsync(clock.GetUtcNow() - timeout, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} artifacts that stayed pending for more than {Timeout}", deleted, timeout);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Cleaning up pending artifacts failed; trying again in {Interval}", interval);
            }
        }
    }
}
