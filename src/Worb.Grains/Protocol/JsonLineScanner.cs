using System.Globalization;

namespace Worb.Grains.Protocol;

/// <summary>
/// Reads one line of the wandb client's extended JSON (history, summary and events lines): standard JSON plus the
/// bare tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, and integers of any size. It validates the whole
/// line and returns each top-level member with the exact text of its value, so nothing is re-serialized or rounded.
/// </summary>
public static class JsonLineScanner
{
    /// <summary>Deepest nesting accepted; deeper lines are refused rather than risking the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a line that must be a JSON object. Returns false with a reason when it is not.</summary>
    public static bool TryScanObject(string line, out List<JsonMember> members, out string? error)
    {
        members = [];
        return Scan(line, members, out error);
    }

    /// <summary>
    /// Parses a line into <paramref name="members"/> (cleared first), so a caller can reuse one list. With
    /// <paramref name="keys"/>, member names come from that cache instead of a new string per member.
    /// </summary>
    public static bool TryScanObject(string line, List<JsonMember> members, out string? error, JsonKeyCache? keys = null)
    {
        members.Clear();
        return Scan(line, members, out error, keys);
    }

    /// <summary>Only checks that the line is one JSON object; allocates nothing for well-formed plain keys.</summary>
    public static bool IsObject(string line, out string? error) => Scan(line, null, out error);

    private static bool Scan(string line, List<JsonMember>? members, out string? error, JsonKeyCache? keys = null)
    {
        var reader = new Reader(line, keys);
        try
        {
            reader.SkipWhitespace();
            if (!reader.TryPeek(out var first) || first != '{')
            {
                error = "expected a JSON object";
                return false;
            }
            reader.ReadObject(depth: 1, members);
            reader.SkipWhitespace();
            if (!reader.AtEnd)
            {
                error = $"unexpected text after the object at position {reader.Position}";
                return false;
            }
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            members?.Clear();
            error = e.Message;
            return false;
        }
    }

    private sealed class Reader(string text, JsonKeyCache? keys)
    {
        private int _pos;

        public int Position => _pos;

        public bool AtEnd => _pos >= text.Length;

        public bool TryPeek(out char c)
        {
            if (_pos < text.Length)
            {
                c = text[_pos];
                return true;
            }
            c = '\0';
            return false;
        }

        public void SkipWhitespace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
        }

        /// <summary>Reads an object; when <paramref name="members"/> is given, records its members.</summary>
        public string? ReadObject(int depth, List<JsonMember>? members)
        {
            CheckDepth(depth);
            Expect('{');
            string? typeTag = null;
            SkipWhitespace();
            if (Consume('}'))
            {
                return null;
            }
            while (true)
            {
                SkipWhitespace();
                var keyStart = _pos; // the opening quote
                var key = ReadString(materialize: members is not null, intern: keys);
                var keyEnd = _pos; // past the closing quote
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                var start = _pos;
                // Numbers are converted only where someone reads them: top-level members being collected.
                var value = ReadValue(depth, wantString: true, wantNumber: members is not null);
                members?.Add(new JsonMember(key!, text, keyStart, keyEnd - keyStart, start, _pos - start, value.Kind, value.Number, value.TypeTag));
                if (value.Kind == JsonValueKind.String && IsTypeKey(key, keyStart + 1, keyEnd - 1))
                {
                    typeTag = value.StringValue;
                }
                SkipWhitespace();
                if (Consume(','))
                {
                    continue;
                }
                Expect('}');
                return typeTag;
            }
        }

        /// <summary>Whether the key just read is <c>_type</c> (its text spans [start, end) unless it had escapes).</summary>
        private bool IsTypeKey(string? key, int start, int end) =>
            key is not null ? key == "_type" : text.AsSpan(start, end - start).SequenceEqual("_type");

        private ScannedValue ReadValue(int depth, bool wantString = false, bool wantNumber = false)
        {
            if (!TryPeek(out var c))
            {
                throw Error("unexpected end of line");
            }
            switch (c)
            {
                case '{':
                    return new ScannedValue(JsonValueKind.Object, null, ReadObject(depth + 1, null), null);
                case '[':
                    ReadArray(depth + 1);
                    return new ScannedValue(JsonValueKind.Array, null, null, null);
                case '"':
                    return new ScannedValue(JsonValueKind.String, null, null, ReadString(wantString));
                case 't':
                    ExpectWord("true");
                    return new ScannedValue(JsonValueKind.True, null, null, null);
                case 'f':
                    ExpectWord("false");
                    return new ScannedValue(JsonValueKind.False, null, null, null);
                case 'n':
                    ExpectWord("null");
                    return new ScannedValue(JsonValueKind.Null, null, null, null);
                case 'N':
                    ExpectWord("NaN");
                    return new ScannedValue(JsonValueKind.Number, double.NaN, null, null);
                case 'I':
                    ExpectWord("Infinity");
                    return new ScannedValue(JsonValueKind.Number, double.PositiveInfinity, null, null);
                default:
                    if (c == '-' && _pos + 1 < text.Length && text[_pos + 1] == 'I')
                    {
                        _pos++;
                        ExpectWord("Infinity");
                        return new ScannedValue(JsonValueKind.Number, double.NegativeInfinity, null, null);
                    }
                    if (c == '-' || char.IsAsciiDigit(c))
                    {
                        return new ScannedValue(JsonValueKind.Number, ReadNumber(wantNumber), null, null);
                    }
                    throw Error($"unexpected character '{c}'");
            }
        }

        private void ReadArray(int depth)
        {
            CheckDepth(depth);
            Expect('[');
            SkipWhitespace();
            if (Consume(']'))
            {
                return;
            }
            while (true)
            {
                SkipWhitespace();
                ReadValue(depth);
                SkipWhitespace();
                if (Consume(','))
                {
                    continue;
                }
                Expect(']');
                return;
            }
        }

        /// <summary>Checks a number's grammar; converts it to a double only when <paramref name="convert"/> is set.</summary>
        private double? ReadNumber(bool convert)
        {
            var start = _pos;
            Consume('-');
            if (!Consume('0'))
            {
                RequireDigits();
            }
            if (Consume('.'))
            {
                RequireDigits();
            }
            if (TryPeek(out var e) && e is 'e' or 'E')
            {
                _pos++;
                if (TryPeek(out var sign) && sign is '+' or '-')
                {
                    _pos++;
                }
                RequireDigits();
            }
            return convert ? double.Parse(text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        }

        private void RequireDigits()
        {
            var start = _pos;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }
            if (_pos == start)
            {
                throw Error("malformed number");
            }
        }

        /// <summary>
        /// Reads a string; returns its value when <paramref name="materialize"/> is set, or when it has escapes
        /// (then the caller can't compare its raw text), else null.
        /// </summary>
        private string? ReadString(bool materialize = true, JsonKeyCache? intern = null)
        {
            Expect('"');
            var builder = default(System.Text.StringBuilder);
            var runStart = _pos;
            while (true)
            {
                if (_pos >= text.Length)
                {
                    throw Error("unterminated string");
                }
                var c = text[_pos];
                if (c == '"')
                {
                    var value = builder is null
                        ? (materialize ? intern?.Get(text.AsSpan(runStart, _pos - runStart)) ?? text[runStart.._pos] : null)
                        : builder.Append(text, runStart, _pos - runStart).ToString();
                    _pos++;
                    return value;
                }
                if (c < ' ')
                {
                    throw Error("control character in string");
                }
                if (c != '\\')
                {
                    _pos++;
                    continue;
                }
                builder ??= new System.Text.StringBuilder();
                builder.Append(text, runStart, _pos - runStart);
                _pos++;
                if (_pos >= text.Length)
                {
                    throw Error("unterminated escape");
                }
                var escape = text[_pos++];
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
                        if (_pos + 4 > text.Length ||
                            !int.TryParse(text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("malformed \\u escape");
                        }
                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw Error($"unknown escape '\\{escape}'");
                }
                runStart = _pos;
            }
        }

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0)
            {
                throw Error("unexpected token");
            }
            _pos += word.Length;
        }

        private void Expect(char c)
        {
            if (!Consume(c))
            {
                throw Error(AtEnd ? $"expected '{c}' but the line ended" : $"expected '{c}' at position {_pos}");
            }
        }

        private bool Consume(char c)
        {
            if (_pos < text.Length && text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        private static void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatException($"nested deeper than {MaxDepth} levels");
            }
        }

        private FormatException Error(string message) => new($"{message} (at position {_pos})");
    }

    private readonly record struct ScannedValue(JsonValueKind Kind, double? Number, string? TypeTag, string? StringValue);
}

public enum JsonValueKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One top-level member of a scanned line. <see cref="RawKey"/> and <see cref="RawValue"/> are the exact texts of
/// the quoted key and the value, cut from the line only when asked for; <see cref="Number"/> is set for numbers
/// (including NaN and ±Infinity); <see cref="TypeTag"/> is an object's <c>_type</c> (media).
/// </summary>
public readonly record struct JsonMember(
    string Key, string Line, int KeyStart, int KeyLength, int ValueStart, int ValueLength, JsonValueKind Kind, double? Number, string? TypeTag)
{
    /// <summary>A member from separate texts (tests, callers without a line).</summary>
    public JsonMember(string key, string rawKey, string rawValue, JsonValueKind kind, double? number, string? typeTag)
        : this(key, rawKey + rawValue, 0, rawKey.Length, rawKey.Length, rawValue.Length, kind, number, typeTag)
    {
    }

    public ReadOnlySpan<char> RawSpan => Line.AsSpan(ValueStart, ValueLength);

    public string RawKey => Line.Substring(KeyStart, KeyLength);

    public string RawValue => Line.Substring(ValueStart, ValueLength);
}
