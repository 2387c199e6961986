using System.Numerics;

namespace Worb.EndToEnd.Tests.Json;

/// <summary>
/// Structural equality of <see cref="LenientValue"/>s as a user compares values: NaN equals NaN, integers are compared
/// exactly (no rounding through double, so 2**64+1 must come back as 2**64+1), <c>1</c> equals <c>1.0</c>, object
/// key order does not matter, array order does.
/// </summary>
public static class LenientComparer
{
    /// <summary>Null when equal, else the path and both values of the first difference.</summary>
    public static string? FindDifference(LenientValue expected, LenientValue actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (LenientNull, LenientNull):
                return null;
            case (LenientBool e, LenientBool a):
                return e.Value == a.Value ? null : Describe(path, expected, actual);
            case (LenientString e, LenientString a):
                return string.Equals(e.Value, a.Value, StringComparison.Ordinal) ? null : Describe(path, expected, actual);
            case (LenientNumber e, LenientNumber a):
                return NumbersEqual(e, a) ? null : Describe(path, expected, actual);
            case (LenientArray e, LenientArray a):
                if (e.Items.Count != a.Items.Count)
                {
                    return $"{path}: expected {e.Items.Count} items, got {a.Items.Count}";
                }
                for (var i = 0; i < e.Items.Count; i++)
                {
                    var difference = FindDifference(e.Items[i], a.Items[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }
                return null;
            case (LenientObject e, LenientObject a):
                var expectedKeys = e.Keys.ToHashSet(StringComparer.Ordinal);
                var actualKeys = a.Keys.ToHashSet(StringComparer.Ordinal);
                var missing = expectedKeys.Except(actualKeys).ToList();
                if (missing.Count > 0)
                {
                    return $"{path}: missing keys {string.Join(", ", missing.Take(10))}";
                }
                var extra = actualKeys.Except(expectedKeys).ToList();
                if (extra.Count > 0)
                {
                    return $"{path}: unexpected keys {string.Join(", ", extra.Take(10))}";
                }
                foreach (var key in expectedKeys)
                {
                    var difference = FindDifference(e[key]!, a[key]!, $"{path}.{key}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }
                return null;
            default:
                return Describe(path, expected, actual);
        }
    }

    public static bool NumbersEqual(LenientNumber expected, LenientNumber actual)
    {
        if (expected.IsIntegerLiteral && actual.IsIntegerLiteral)
        {
            return expected.AsBigInteger() == actual.AsBigInteger();
        }
        var e = expected.AsDouble();
        var a = actual.AsDouble();
        if (double.IsNaN(e) || double.IsNaN(a))
        {
            return double.IsNaN(e) && double.IsNaN(a);
        }
        // An integer literal beyond double precision must not compare equal to a rounded float.
        if (expected.IsIntegerLiteral && BigInteger.Abs(expected.AsBigInteger()) > MaxExactDoubleInteger)
        {
            return false;
        }
        if (actual.IsIntegerLiteral && BigInteger.Abs(actual.AsBigInteger()) > MaxExactDoubleInteger)
        {
            return false;
        }
        return e.Equals(a) && (e != 0 || double.IsNegative(e) == double.IsNegative(a));
    }

    private static readonly BigInteger MaxExactDoubleInteger = BigInteger.Pow(2, 53);

    private static string Describe(string path, LenientValue expected, LenientValue actual) =>
        $"{path}: expected {LenientJson.Shorten(expected.ToString() ?? "")}, got {LenientJson.Shorten(actual.ToString() ?? "")}";
}
