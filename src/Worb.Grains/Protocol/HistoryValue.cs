using System.Globalization;

namespace Worb.Grains.Protocol;

/// <summary>
/// How one logged value is stored in the <c>history</c> table: <see cref="Number"/> for charting (null for NaN
/// and non-numbers), <see cref="Json"/> when the number alone does not reproduce what was logged, and a kind.
/// </summary>
public readonly record struct HistoryValue(double? Number, string? Json, string Kind)
{
    /// <summary>Integers whose magnitude exceeds this lose digits as doubles, so their text is kept.</summary>
    private const double ExactIntegerLimit = 9007199254740992d; // 2^53

    public static HistoryValue From(in JsonMember member) => member.Kind switch
    {
        JsonValueKind.Number when double.IsNaN(member.Number!.Value) => new(null, member.RawValue, NumberKind),
        JsonValueKind.Number when double.IsInfinity(member.Number!.Value) => new(member.Number, member.RawValue, NumberKind),
        JsonValueKind.Number => new(member.Number, NeedsText(member) ? member.RawValue : null, NumberKind),
        JsonValueKind.String => new(null, member.RawValue, "string"),
        JsonValueKind.True or JsonValueKind.False => new(null, member.RawValue, "boolean"),
        JsonValueKind.Null => new(null, member.RawValue, "null"),
        JsonValueKind.Array => new(null, member.RawValue, "list"),
        _ => new(null, member.RawValue, member.TypeTag ?? "map"),
    };

    public const string NumberKind = "number";

    /// <summary>What <c>history.kind</c> holds: NULL for a number (most rows), else the kind's name.</summary>
    public string? StoredKind => Kind == NumberKind ? null : Kind;

    /// <summary>The value's JSON text, as logged.</summary>
    public string ToJson() => Json ?? Number!.Value.ToString("R", CultureInfo.InvariantCulture);

    private static bool NeedsText(in JsonMember member)
    {
        var value = member.Number!.Value;
        return Math.Abs(value) >= ExactIntegerLimit && member.RawSpan.IndexOfAny(".eE") < 0;
    }
}
