using System.Diagnostics;

namespace Worb.Load;

/// <summary>Result of sustained ingest: values sent, seconds until every 200, seconds until the WAL was stored.</summary>
public sealed record IngestResult(
    long Values, double AckSeconds, double DrainSeconds, IReadOnlyList<(double Seconds, double StoredValues)> Progress,
    double ServerCpuSecondsAtAck, double ServerCpuSecondsAtDrain)
{
    public double AckRate => Values / AckSeconds;
    public double DrainRate => Values / DrainSeconds;
}

/// <summary>
/// R runs post S steps × K metrics concurrently, each run one chunk at a time (as a client does). Timed from the
/// first POST to the last 200 (acknowledged: durable in the WAL), and to <c>worb_wal_pending_bytes</c> = 0
/// (drained: in SQLite). A fresh server first takes a short untimed ingest, so the figure is the steady state of a
/// running server rather than the JIT compiling its hot paths (seen: ~3 s of compilation in the first 20 s).
/// </summary>
public static class IngestScenario
{
    private const int WarmUpRuns = 4;
    private const int WarmUpSteps = 1_000;

    public static async Task<IngestResult> RunAsync(
        WorbServer server, WandbClient client, int runs, int steps, int metrics, int linesPerChunk, CancellationToken cancellationToken)
    {
        await MeasureAsync(server, client, WarmUpRuns, WarmUpSteps, metrics, linesPerChunk, cancellationToken);
        return await MeasureAsync(server, client, runs, steps, metrics, linesPerChunk, cancellationToken);
    }

    private static async Task<IngestResult> MeasureAsync(
        WorbServer server, WandbClient client, int runs, int steps, int metrics, int linesPerChunk, CancellationToken cancellationToken)
    {
        var project = "ingest-" + Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, runs).Select(r => $"run{r:D5}").ToArray();
        foreach (var name in names)
        {
            await client.UpsertBucketAsync(project, name, cancellationToken);
        }
        var bodies = names.Select((_, r) => HistoryChunks.Build(steps, metrics, linesPerChunk, seed: r)).ToArray();
        var progress = new List<(double, double)>();
        var baseline = await client.ScrapeAsync("worb_store_values_total", cancellationToken) ?? 0;

        var cpuBefore = server.CpuTime();
        var started = Stopwatch.GetTimestamp();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(client, started, baseline, progress, sampling.Token);
        await Task.WhenAll(names.Select(async (name, r) =>
        {
            foreach (var body in bodies[r])
            {
                await client.PostChunkAsync(project, name, body, cancellationToken);
            }
        }));
        var acked = Stopwatch.GetElapsedTime(started);
        var cpuAtAck = server.CpuTime() - cpuBefore;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
        while (await client.ScrapeAsync("worb_wal_pending_bytes", cancellationToken) is not 0d)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("the write-ahead log did not drain in 10 minutes");
            }
            await Task.Delay(5, cancellationToken);
        }
        var drained = Stopwatch.GetElapsedTime(started);
        var cpuAtDrain = server.CpuTime() - cpuBefore;
        await sampling.CancelAsync();
        await sampler;
        progress.Add((drained.TotalSeconds, (await client.ScrapeAsync("worb_store_values_total", cancellationToken) ?? 0) - baseline));
        return new IngestResult(
            (long)runs * steps * metrics, acked.TotalSeconds, drained.TotalSeconds, progress, cpuAtAck.TotalSeconds, cpuAtDrain.TotalSeconds);
    }

    private static async Task SampleAsync(
        WandbClient client, long started, double baseline, List<(double, double)> progress, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var stored = await client.ScrapeAsync("worb_store_values_total", cancellationToken) ?? 0;
                progress.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, stored - baseline));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
