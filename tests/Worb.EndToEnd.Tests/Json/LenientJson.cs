using System.Globalization;
using System.Text;

namespace Worb.EndToEnd.Tests.Json;

/// <summary>
/// Parses JSON as Python's <c>json</c> module and Go's simplejsonext write it: standard JSON plus the bare tokens
/// <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>; numbers are kept as text so nothing is rounded.
/// </summary>
public static class LenientJson
{
    public static LenientValue Parse(string text)
    {
        var reader = new Reader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue();
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error("trailing characters");
        }
        return value;
    }

    public static LenientObject ParseObject(string text) =>
        Parse(text) as LenientObject ?? throw new FormatException($"Not a JSON object: {Shorten(text)}");

    internal static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public FormatException Error(string what) =>
            new($"Invalid JSON at {_position}: {what} in {Shorten(text)}");

        public void SkipWhitespace()
        {
            while (!AtEnd && text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }

        public LenientValue ReadValue()
        {
            if (AtEnd)
            {
                throw Error("unexpected end");
            }
            var c = text[_position];
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    return new LenientString(ReadString());
                case 't':
                    Expect("true");
                    return new LenientBool(true);
                case 'f':
                    Expect("false");
                    return new LenientBool(false);
                case 'n':
                    Expect("null");
                    return LenientNull.Instance;
                case 'N':
                    Expect("NaN");
                    return new LenientNumber("NaN");
                case 'I':
                    Expect("Infinity");
                    return new LenientNumber("Infinity");
                default:
                    if (c == '-' && string.CompareOrdinal(text, _position, "-Infinity", 0, 9) == 0)
                    {
                        _position += 9;
                        return new LenientNumber("-Infinity");
                    }
                    if (c == '-' || char.IsAsciiDigit(c))
                    {
                        return ReadNumber();
                    }
                    throw Error($"unexpected '{c}'");
            }
        }

        private void Expect(string token)
        {
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
            {
                throw Error($"expected {token}");
            }
            _position += token.Length;
        }

        private LenientObject ReadObject()
        {
            _position++;
            var members = new List<KeyValuePair<string, LenientValue>>();
            SkipWhitespace();
            if (!AtEnd && text[_position] == '}')
            {
                _position++;
                return new LenientObject(members);
            }
            while (true)
            {
                SkipWhitespace();
                if (AtEnd || text[_position] != '"')
                {
                    throw Error("expected a key");
                }
                var key = ReadString();
                SkipWhitespace();
                if (AtEnd || text[_position] != ':')
                {
                    throw Error("expected ':'");
                }
                _position++;
                SkipWhitespace();
                members.Add(new(key, ReadValue()));
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unterminated object");
                }
                if (text[_position] == ',')
                {
                    _position++;
                    continue;
                }
                if (text[_position] == '}')
                {
                    _position++;
                    return new LenientObject(members);
                }
                throw Error("expected ',' or '}'");
            }
        }

        private LenientArray ReadArray()
        {
            _position++;
            var items = new List<LenientValue>();
            SkipWhitespace();
            if (!AtEnd && text[_position] == ']')
            {
                _position++;
                return new LenientArray(items);
            }
            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue());
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unterminated array");
                }
                if (text[_position] == ',')
                {
                    _position++;
                    continue;
                }
                if (text[_position] == ']')
                {
                    _position++;
                    return new LenientArray(items);
                }
                throw Error("expected ',' or ']'");
            }
        }

        private string ReadString()
        {
            _position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }
                var c = text[_position++];
                if (c == '"')
                {
                    return builder.ToString();
                }
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                if (AtEnd)
                {
                    throw Error("unterminated escape");
                }
                var escape = text[_position++];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > text.Length)
                        {
                            throw Error("short \\u escape");
                        }
                        builder.Append((char)int.Parse(text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _position += 4;
                        break;
                    default:
                        throw Error($"bad escape \\{escape}");
                }
            }
        }

        private LenientNumber ReadNumber()
        {
            var start = _position;
            if (text[_position] == '-')
            {
                _position++;
            }
            while (!AtEnd && (char.IsAsciiDigit(text[_position]) || text[_position] is '.' or 'e' or 'E' or '+' or '-'))
            {
                _position++;
            }
            var literal = text[start.._position];
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw Error($"bad number '{literal}'");
            }
            return new LenientNumber(literal);
        }
    }
}
