using System.Diagnostics;

namespace Worb.Load;

/// <summary>N live runs, each posting a one-line chunk every interval, for a while; latency of every POST.</summary>
public static class LatencyScenario
{
    public static async Task<(double P50Ms, double P99Ms, int Requests)> RunAsync(
        WandbClient client, int runs, int seconds, int intervalMs, CancellationToken cancellationToken)
    {
        var project = "live-" + Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, runs).Select(r => $"live{r:D4}").ToArray();
        foreach (var name in names)
        {
            await client.UpsertBucketAsync(project, name, cancellationToken);
        }
        var latencies = new List<double>[runs];
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        await Task.WhenAll(names.Select(async (name, r) =>
        {
            var mine = latencies[r] = [];
            var values = new double[5];
            var random = new Random(r);
            // Spread the runs over the interval, as independent clients would be.
            await Task.Delay(random.Next(intervalMs), cancellationToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMs));
            for (var step = 0; Stopwatch.GetTimestamp() < until; step++)
            {
                for (var m = 0; m < values.Length; m++)
                {
                    values[m] = random.NextDouble();
                }
                var line = HistoryChunks.Line(values, step);
                var body = HistoryChunks.Body(step, [line], line);
                mine.Add((await client.PostChunkAsync(project, name, body, cancellationToken)).TotalMilliseconds);
                await timer.WaitForNextTickAsync(cancellationToken);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (Percentile(all, 0.50), Percentile(all, 0.99), all.Length);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
