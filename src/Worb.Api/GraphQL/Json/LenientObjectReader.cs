using System.Text.Json;

namespace Worb.Api.GraphQL.Json;

/// <summary>
/// Splits a JSON object into its top-level members without interpreting the values, so that text System.Text.Json
/// refuses (bare <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>) or would round (integers beyond 64 bits) is kept as
/// written. wandb history and summary lines are Python <c>json.dumps</c> output and need this.
/// </summary>
public static class LenientObjectReader
{
    /// <summary>The object's members in order, or null when <paramref name="text"/> is not a well-formed object.</summary>
    public static IReadOnlyList<RawMember>? ReadMembers(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var members = new List<RawMember>();
        var pos = SkipWhitespace(text, 0);
        if (pos >= text.Length || text[pos] != '{')
        {
            return null;
        }
        pos = SkipWhitespace(text, pos + 1);
        if (pos < text.Length && text[pos] == '}')
        {
            return SkipWhitespace(text, pos + 1) == text.Length ? members : null;
        }
        while (pos < text.Length)
        {
            if (text[pos] != '"')
            {
                return null;
            }
            var nameEnd = ScanString(text, pos);
            if (nameEnd < 0)
            {
                return null;
            }
            var rawName = text[pos..nameEnd];
            string? name;
            try
            {
                name = JsonSerializer.Deserialize<string>(rawName);
            }
            catch (JsonException)
            {
                return null;
            }
            pos = SkipWhitespace(text, nameEnd);
            if (pos >= text.Length || text[pos] != ':')
            {
                return null;
            }
            pos = SkipWhitespace(text, pos + 1);
            var valueEnd = ScanValue(text, pos);
            if (valueEnd <= pos)
            {
                return null;
            }
            members.Add(new RawMember(name ?? string.Empty, rawName, text[pos..valueEnd]));
            pos = SkipWhitespace(text, valueEnd);
            if (pos >= text.Length)
            {
                return null;
            }
            if (text[pos] == '}')
            {
                return SkipWhitespace(text, pos + 1) == text.Length ? members : null;
            }
            if (text[pos] != ',')
            {
                return null;
            }
            pos = SkipWhitespace(text, pos + 1);
        }
        return null;
    }

    /// <summary>The raw text of member <paramref name="name"/> (the last one when repeated), or null.</summary>
    public static string? GetRawValue(IReadOnlyList<RawMember> members, string name)
    {
        for (var i = members.Count - 1; i >= 0; i--)
        {
            if (members[i].Name == name)
            {
                return members[i].RawValue;
            }
        }
        return null;
    }

    private static int SkipWhitespace(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
        return pos;
    }

    /// <summary>Index just past the string that starts at <paramref name="pos"/> (a quote), or -1.</summary>
    private static int ScanString(string text, int pos)
    {
        for (var i = pos + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i + 1;
            }
        }
        return -1;
    }

    /// <summary>Index just past the value that starts at <paramref name="pos"/>, or -1.</summary>
    private static int ScanValue(string text, int pos)
    {
        if (pos >= text.Length)
        {
            return -1;
        }
        var first = text[pos];
        if (first == '"')
        {
            return ScanString(text, pos);
        }
        if (first is '{' or '[')
        {
            var depth = 0;
            for (var i = pos; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"')
                {
                    i = ScanString(text, i);
                    if (i < 0)
                    {
                        return -1;
                    }
                    i--;
                }
                else if (c is '{' or '[')
                {
                    depth++;
                }
                else if (c is '}' or ']')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
            }
            return -1;
        }
        var end = pos;
        while (end < text.Length && text[end] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return end;
    }
}
