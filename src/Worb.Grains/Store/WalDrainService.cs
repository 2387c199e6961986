using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains.Diagnostics;
using Worb.Grains.Interfaces;
using Worb.Grains.Wal;

namespace Worb.Grains.Store;

/// <summary>
/// Drives the silo's store grain. When the silo becomes active it replays whatever the write-ahead log holds past
/// the stored cursor (a crash leaves that behind), before the HTTP server takes requests; then it drains every
/// <see cref="WorbOptions.FlushIntervalMs"/>, or sooner when many bytes are waiting; at shutdown it drains once more.
/// </summary>
public sealed class WalDrainService(
    IGrainFactory grains,
    IWriteAheadLog log,
    IOptions<WorbOptions> options,
    WorbMetrics metrics,
    ILogger<WalDrainService> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _storedUpTo;

    private IStoreGrain Store => grains.GetGrain<IStoreGrain>(log.Id);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WalDrainService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _storedUpTo = await Store.FlushAllAsync(cancellationToken);
        metrics.StoredUpTo(_storedUpTo); // also registers the instruments before the first request
        logger.LogInformation(
            "Write-ahead log {WalId} stored up to {Position} ({ElapsedMs:F0} ms replay)",
            log.Id, _storedUpTo, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _loop = Task.Run(() => DrainLoopAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await Store.FlushAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "Final drain did not finish; the write-ahead log keeps the rest for the next start");
        }
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.FlushIntervalMs));
        var pendingLimit = options.Value.FlushPendingBytes;
        var lastDrain = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(PollInterval < interval ? PollInterval : interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var pending = log.DurablePosition - _storedUpTo;
                var due = Stopwatch.GetElapsedTime(lastDrain) >= interval;
                if (pending <= 0 || (pending < pendingLimit && !due))
                {
                    continue;
                }
                try
                {
                    _storedUpTo = await Store.StoreUpToAsync(long.MaxValue);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Draining the write-ahead log failed; retrying");
                }
                lastDrain = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
