using System.Globalization;
using System.Text;

namespace Worb.Load;

/// <summary>The one table the benchmark prints, plus the scaling table; Markdown, so it pastes into docs.</summary>
public sealed class Report
{
    private readonly List<string[]> _rows = [];
    private readonly List<string[]> _scaling = [];

    public void Add(string figure, string value, string target = "", bool? holds = null) =>
        _rows.Add([figure, value, target, holds switch { true => "yes", false => "NO", null => "" }]);

    public void AddScaling(string what, string size, string value) => _scaling.Add([what, size, value]);

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var text = new StringBuilder();
        Table(text, ["figure", "measured", "target", "holds"], _rows);
        if (_scaling.Count > 0)
        {
            text.AppendLine();
            Table(text, ["cost curve", "size", "measured"], _scaling);
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Line(string[] cells) =>
            text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).AppendLine(" |");
        Line(header);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).AppendLine("|");
        rows.ForEach(Line);
    }
}
