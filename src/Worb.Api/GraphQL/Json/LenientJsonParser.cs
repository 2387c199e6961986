using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Worb.Api.GraphQL.Json;

/// <summary>
/// Parses Python-style JSON into a <see cref="JsonNode"/> for comparisons: bare <c>NaN</c>, <c>Infinity</c> and
/// <c>-Infinity</c> become <c>null</c>. Use <see cref="LenientObjectReader"/> where the exact text matters.
/// </summary>
public static class LenientJsonParser
{
    public static JsonNode? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(Sanitize(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the non-standard number tokens outside strings with <c>null</c>.</summary>
    public static string Sanitize(string text)
    {
        if (!text.Contains("NaN", StringComparison.Ordinal) && !text.Contains("Infinity", StringComparison.Ordinal))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (string.CompareOrdinal(text, i, "NaN", 0, 3) == 0)
            {
                builder.Append("null");
                i += 2;
            }
            else if (string.CompareOrdinal(text, i, "Infinity", 0, 8) == 0)
            {
                builder.Append("null");
                i += 7;
            }
            else if (string.CompareOrdinal(text, i, "-Infinity", 0, 9) == 0)
            {
                builder.Append("null");
                i += 8;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
