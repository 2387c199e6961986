using System.Globalization;
using System.Text;

namespace Worb.Bench;

/// <summary>History lines and file_stream bodies shaped like the Python client's (K metrics, then _timestamp, _runtime, _step).</summary>
public static class SampleData
{
    public static string Line(int metrics, long step, Random random)
    {
        var line = new StringBuilder().Append('{');
        for (var m = 0; m < metrics; m++)
        {
            line.Append("\"m").Append(m).Append("\": ").Append(random.NextDouble().ToString("R", CultureInfo.InvariantCulture)).Append(", ");
        }
        return line.Append("\"_timestamp\": 1795956083.330974, \"_runtime\": 0.476, \"_step\": ").Append(step).Append('}').ToString();
    }

    public static byte[] Body(int metrics, long offset, int lines, Random random)
    {
        var body = new StringBuilder("{\"files\": {\"wandb-history.jsonl\": {\"offset\": ").Append(offset).Append(", \"content\": [");
        string last = "";
        for (var i = 0; i < lines; i++)
        {
            last = Line(metrics, offset + i, random);
            body.Append(i > 0 ? ", " : "").Append('"').Append(last.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        body.Append("]}, \"wandb-summary.json\": {\"offset\": 0, \"content\": [\"").Append(last.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]}}, \"dropped\": 0}");
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
