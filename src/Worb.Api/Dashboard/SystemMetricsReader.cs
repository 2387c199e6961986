using System.Runtime.CompilerServices;
using System.Text.Json;
using Worb.Api.GraphQL.Json;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>One system metric (e.g. <c>system.cpu</c>, <c>system.gpu.0.gpu</c>) over the run's runtime in seconds.</summary>
public sealed record SystemMetricSeries(string Key, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// Reads the run's <c>wandb-events.jsonl</c> lines (system metrics sampled by the client) in one pass, bucketing them
/// by line number into at most <c>buckets</c> points per metric (each bucket keeps its last sample), so memory is
/// bounded by metrics × buckets however long the run.
/// </summary>
public sealed class SystemMetricsReader(WorbDatabase database)
{
    public async IAsyncEnumerable<SystemMetricSeries> ReadAsync(
        long runId, int buckets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COALESCE(MAX(line_no) + 1, 0) FROM events_lines WHERE run_id = $run;";
        count.Parameters.AddWithValue("$run", runId);
        var lines = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (lines == 0)
        {
            yield break;
        }

        var series = new SortedDictionary<string, (double[] X, double[] Y)>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT line_no, content FROM events_lines WHERE run_id = $run ORDER BY line_no;";
        command.Parameters.AddWithValue("$run", runId);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var lineNo = reader.GetInt64(0);
                var bucket = (int)(lineNo * buckets / lines);
                Accumulate(series, reader.GetString(1), lineNo, bucket, buckets);
            }
        }
        foreach (var (key, (xs, ys)) in series)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (var i = 0; i < buckets; i++)
            {
                if (!double.IsNaN(ys[i]))
                {
                    x.Add(xs[i]);
                    y.Add(ys[i]);
                }
            }
            yield return new SystemMetricSeries(key, x, y);
        }
    }

    private static void Accumulate(SortedDictionary<string, (double[] X, double[] Y)> series, string line, long lineNo, int bucket, int buckets)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(LenientJsonParser.Sanitize(line));
        }
        catch (JsonException)
        {
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            var x = document.RootElement.TryGetProperty("_runtime", out var runtime) && runtime.ValueKind == JsonValueKind.Number
                ? runtime.GetDouble()
                : lineNo;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('_') || property.Value.ValueKind != JsonValueKind.Number
                    || !property.Value.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    continue;
                }
                if (!series.TryGetValue(property.Name, out var points))
                {
                    points = (new double[buckets], new double[buckets]);
                    Array.Fill(points.Y, double.NaN);
                    series[property.Name] = points;
                }
                points.X[bucket] = x;
                points.Y[bucket] = value;
            }
        }
    }
}
