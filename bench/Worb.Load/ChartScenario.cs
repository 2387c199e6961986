using System.Diagnostics;

namespace Worb.Load;

/// <summary>One run with one metric over N steps; then the chart query through the dashboard API and GraphQL.</summary>
public static class ChartScenario
{
    public const string Key = "loss";

    /// <summary>Stores <paramref name="steps"/> lines <c>{"loss": x, "_step": n}</c> in one run; returns its name.</summary>
    public static async Task<string> LoadAsync(
        WandbClient client, string project, int steps, CancellationToken cancellationToken)
    {
        var run = $"chart{steps}";
        await client.UpsertBucketAsync(project, run, cancellationToken);
        const int linesPerChunk = 5_000;
        var random = new Random(steps);
        var value = 1.0;
        var chunks = new List<byte[]>();
        for (var start = 0; start < steps; start += linesPerChunk)
        {
            var lines = new List<string>(linesPerChunk);
            for (var step = start; step < Math.Min(steps, start + linesPerChunk); step++)
            {
                value = value * 0.99999 + (random.NextDouble() - 0.5) * 0.01;
                lines.Add($"{{\"{Key}\": {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"_step\": {step}}}");
            }
            chunks.Add(HistoryChunks.Body(start, lines, lines[^1]));
        }
        // A few chunks in flight at a time, in order per run as a client sends them.
        foreach (var body in chunks)
        {
            await client.PostChunkAsync(project, run, body, cancellationToken);
        }
        return run;
    }

    /// <summary>Median and worst milliseconds of <paramref name="repeats"/> calls, and the rows of the last answer.</summary>
    public static async Task<(double MedianMs, double MaxMs, int Rows)> TimeAsync(int repeats, Func<Task<int>> query)
    {
        var rows = await query(); // warm-up (and the store barrier)
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rows = await query();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return (LatencyScenario.Percentile(times, 0.5), times[^1], rows);
    }
}
