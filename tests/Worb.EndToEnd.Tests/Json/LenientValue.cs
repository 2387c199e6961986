using System.Globalization;
using System.Numerics;

namespace Worb.EndToEnd.Tests.Json;

/// <summary>
/// A JSON value as the wandb Python client writes it: numbers keep their exact text (integers beyond 64 bits,
/// <c>-0.0</c>), and <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> are numbers too.
/// </summary>
public abstract record LenientValue;

public sealed record LenientNull : LenientValue
{
    public static LenientNull Instance { get; } = new();

    public override string ToString() => "null";
}

public sealed record LenientBool(bool Value) : LenientValue
{
    public override string ToString() => Value ? "true" : "false";
}

public sealed record LenientString(string Value) : LenientValue
{
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Value);
}

/// <summary>A number with its literal text.</summary>
public sealed record LenientNumber(string Text) : LenientValue
{
    public bool IsNaN => Text == "NaN";

    /// <summary>True for integer literals (no fraction, no exponent, not NaN/Infinity).</summary>
    public bool IsIntegerLiteral => Text.Length > 0 && Text.TrimStart('-').All(char.IsAsciiDigit);

    public BigInteger AsBigInteger() => BigInteger.Parse(Text, CultureInfo.InvariantCulture);

    public double AsDouble() => Text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public override string ToString() => Text;
}

public sealed record LenientArray(IReadOnlyList<LenientValue> Items) : LenientValue
{
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>An object; members keep their order (duplicate keys: the last one wins on lookup).</summary>
public sealed record LenientObject(IReadOnlyList<KeyValuePair<string, LenientValue>> Members) : LenientValue
{
    public IEnumerable<string> Keys => Members.Select(m => m.Key).Distinct(StringComparer.Ordinal);

    public bool TryGet(string key, out LenientValue value)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Members[i].Key, key, StringComparison.Ordinal))
            {
                value = Members[i].Value;
                return true;
            }
        }
        value = LenientNull.Instance;
        return false;
    }

    public LenientValue? this[string key] => TryGet(key, out var value) ? value : null;

    public override string ToString() =>
        "{" + string.Join(", ", Members.Select(m => new LenientString(m.Key) + ": " + m.Value)) + "}";
}
