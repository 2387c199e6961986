using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Worb.Grains.Diagnostics;
using Worb.Grains.Interfaces;
using Worb.Grains.Protocol;
using Worb.Grains.Storage;
using Worb.Grains.Wal;

namespace Worb.Grains.Runs;

/// <summary>
/// One activation per run. On the hot path it validates a file_stream chunk, appends it to the silo's write-ahead
/// log (durable before it answers) and advances the run's counters in memory; the store grain writes it to SQLite
/// later. Metadata changes (UpsertBucket, stop, alerts) go straight to SQLite after the run's logged chunks are
/// stored, so they apply in the order the client sent them.
/// </summary>
/// <remarks>
/// An idle run's activation is collected after <see cref="IdleMinutes"/> (a live client posts at least every 30 s),
/// so memory follows the live runs, not every run ever seen; deactivation stores the run's logged chunks first.
/// </remarks>
[CollectionAgeLimit(Minutes = IdleMinutes)]
public sealed class RunGrain(
    IWriteAheadLog log,
    RunRepository runs,
    TimeProvider clock,
    IOptions<WorbOptions> options,
    WorbMetrics metrics,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    public const double IdleMinutes = 2;
    private const int RetryAfterSeconds = 2;

    private RunKey _key = null!;
    private RunSnapshot? _run;
    private RunProgress _progress;

    /// <summary>Position just past this run's last logged chunk; 0 when it logged nothing in this activation.</summary>
    private long _lastLogged;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = RunKey.FromGrainKey(this.GetPrimaryKeyString());
        metrics.RunActivated();
        await LoadAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.RunDeactivated();
        // Reads rely on SQLite once the grain is gone, so what it acknowledged must be stored first.
        if (_lastLogged > 0)
        {
            await EnsureStoredAsync();
        }
    }

    public async Task<UpsertOutcome> UpsertAsync(RunUpsert upsert)
    {
        await EnsureStoredAsync();
        var outcome = await runs.UpsertAsync(_key, upsert);
        Adopt(outcome.Run);
        return outcome;
    }

    public Task<RunSnapshot?> GetAsync() => Task.FromResult(Current());

    public async Task<ChunkResult> AppendChunkAsync(Immutable<ReadOnlyMemory<byte>> body)
    {
        if (_run is null)
        {
            return ChunkResult.Refused(404, $"Run '{_key.Run}' does not exist in {_key.Entity}/{_key.Project}: create it with UpsertBucket first.");
        }
        if (!FileStreamParser.TryParse(body.Value, out var request, out var error))
        {
            return ChunkResult.Refused(400, error!);
        }
        var lag = log.DurablePosition - log.ReleasedPosition;
        if (lag > options.Value.MaxWalLagBytes)
        {
            // The store is behind: growing the log without bound would only move the problem to the disk. Clients
            // retry a 429 (honouring Retry-After), so nothing is lost; the chunk was not logged.
            logger.LogWarning("Refusing a chunk of run {Run} with 429: {Lag} bytes wait for the store (limit {Limit})",
                _key, lag, options.Value.MaxWalLagBytes);
            return ChunkResult.Busy(RetryAfterSeconds, $"The server is busy storing earlier data ({lag} bytes behind); retry shortly.");
        }
        var record = new ChunkRecord(_run.RunId, clock.GetUtcNow().ToUnixTimeMilliseconds(), body.Value);
        _lastLogged = await log.AppendAsync(record.EncodeHeader(), record.Body); // the log copies the body once, into its group
        _progress.Apply(request);
        metrics.ChunkAcknowledged(request.LineCount);
        return new ChunkResult { Stopped = _run.Stopped };
    }

    public async Task EnsureStoredAsync()
    {
        if (_lastLogged > 0)
        {
            await GrainFactory.GetGrain<IStoreGrain>(log.Id).FlushToAsync(_lastLogged);
        }
    }

    public async Task RequestStopAsync()
    {
        if (_run is null)
        {
            return;
        }
        await runs.SetStoppedAsync(_run.RunId);
        _run = _run with { Stopped = true };
        logger.LogInformation("Stop requested for run {Run}", _key);
    }

    public async Task<bool> AddAlertAsync(RunAlert alert)
    {
        if (_run is null)
        {
            return false;
        }
        await runs.AddAlertAsync(_run.RunId, alert);
        logger.LogInformation("Alert {Severity} '{Title}' for run {Run}", alert.Severity, alert.Title, _key);
        return true;
    }

    public async Task<bool> DeleteAsync()
    {
        if (_run is null)
        {
            return false;
        }
        await EnsureStoredAsync();
        await runs.DeleteAsync(_run.RunId);
        logger.LogInformation("Deleted run {Run}", _key);
        _run = null;
        _lastLogged = 0;
        DeactivateOnIdle();
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(_key, cancellationToken);
        if (run is not null)
        {
            Adopt(run);
        }
    }

    private void Adopt(RunSnapshot run)
    {
        _run = run;
        _progress = new RunProgress(run.HistoryLineCount, run.EventsLineCount, run.LogLineCount, run.State, null);
    }

    private RunSnapshot? Current() => _run is null
        ? null
        : _run with
        {
            HistoryLineCount = _progress.HistoryLineCount,
            EventsLineCount = _progress.EventsLineCount,
            LogLineCount = _progress.LogLineCount,
            State = _progress.State,
        };
}
