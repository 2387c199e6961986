using System.Globalization;
using System.Text;

namespace Worb.Load;

/// <summary>
/// file_stream bodies as the Python client sends them: history lines with contiguous offsets, user keys, then
/// <c>_timestamp</c>, <c>_runtime</c>, <c>_step</c>; each body also carries the whole summary as one line.
/// </summary>
public static class HistoryChunks
{
    public static string MetricName(int index) => "m" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bodies for steps [0, steps) in chunks of <paramref name="linesPerChunk"/> lines.</summary>
    public static List<byte[]> Build(int steps, int metrics, int linesPerChunk, int seed)
    {
        var random = new Random(seed);
        var chunks = new List<byte[]>((steps + linesPerChunk - 1) / linesPerChunk);
        var values = new double[metrics];
        for (var start = 0; start < steps; start += linesPerChunk)
        {
            var count = Math.Min(linesPerChunk, steps - start);
            var lines = new List<string>(count);
            for (var step = start; step < start + count; step++)
            {
                for (var m = 0; m < metrics; m++)
                {
                    values[m] = random.NextDouble();
                }
                lines.Add(Line(values, step));
            }
            chunks.Add(Body(start, lines, Line(values, start + count - 1)));
        }
        return chunks;
    }

    public static string Line(ReadOnlySpan<double> values, long step)
    {
        var line = new StringBuilder(values.Length * 26 + 96).Append('{');
        for (var m = 0; m < values.Length; m++)
        {
            line.Append("\"m").Append(m.ToString(CultureInfo.InvariantCulture)).Append("\": ")
                .Append(values[m].ToString("R", CultureInfo.InvariantCulture)).Append(", ");
        }
        line.Append("\"_timestamp\": ").Append((1795956083.330974 + step * 0.01).ToString("R", CultureInfo.InvariantCulture))
            .Append(", \"_runtime\": ").Append((step * 0.01).ToString("R", CultureInfo.InvariantCulture))
            .Append(", \"_step\": ").Append(step.ToString(CultureInfo.InvariantCulture)).Append('}');
        return line.ToString();
    }

    public static byte[] Body(long offset, IReadOnlyList<string> lines, string summary)
    {
        var body = new StringBuilder(lines.Sum(l => l.Length + 8) + summary.Length + 200);
        body.Append("{\"files\": {\"wandb-history.jsonl\": {\"offset\": ").Append(offset.ToString(CultureInfo.InvariantCulture))
            .Append(", \"content\": [");
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                body.Append(", ");
            }
            AppendString(body, lines[i]);
        }
        body.Append("]}, \"wandb-summary.json\": {\"offset\": 0, \"content\": [");
        AppendString(body, summary);
        body.Append("]}}, \"dropped\": 0}");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static void AppendString(StringBuilder body, string text)
    {
        body.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                body.Append('\\');
            }
            body.Append(c);
        }
        body.Append('"');
    }
}
