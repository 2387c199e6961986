using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// Writes JSON as Python's <c>json.dumps</c> does (ASCII only): with an indent (<c>indent=4</c>, how the SDK writes an
/// artifact manifest) or without (<c>", "</c> and <c>": "</c> separators on one line, how it writes a table file) —
/// the exact bytes the SDK uploads, whose MD5 it announces.
/// </summary>
public static class PythonJson
{
    public static string Dump(JsonNode? node, int? indent = 4)
    {
        var text = new StringBuilder();
        Write(text, node, indent, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int? indent, int level)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append('{').Append(NewLine(indent, level + 1));
                var first = true;
                foreach (var (key, value) in obj)
                {
                    text.Append(first ? "" : "," + (indent is null ? " " : NewLine(indent, level + 1)));
                    first = false;
                    WriteString(text, key);
                    text.Append(": ");
                    Write(text, value, indent, level + 1);
                }
                text.Append(NewLine(indent, level)).Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append('[').Append(NewLine(indent, level + 1));
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : "," + (indent is null ? " " : NewLine(indent, level + 1)));
                    Write(text, array[i], indent, level + 1);
                }
                text.Append(NewLine(indent, level)).Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValue value:
                text.Append(value.ToJsonString());
                break;
        }
    }

    private static string NewLine(int? indent, int level) => indent is { } width ? "\n" + new string(' ', width * level) : "";

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or > '~': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
