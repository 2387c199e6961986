using Worb.Grains.Protocol;

namespace Worb.Api.GraphQL.Json;

/// <summary>
/// Splits a JSON object into its top-level members without interpreting the values, so that text System.Text.Json
/// refuses (bare <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>) or would round (integers beyond 64 bits) is kept as
/// written. A view over <see cref="JsonLineScanner"/>, the parser the ingest path validates lines with.
/// </summary>
public static class LenientObjectReader
{
    /// <summary>The object's members in order, or null when <paramref name="text"/> is not a well-formed object.</summary>
    public static IReadOnlyList<RawMember>? ReadMembers(string? text)
    {
        if (text is null || !JsonLineScanner.TryScanObject(text, out var members, out _))
        {
            return null;
        }
        return members.ConvertAll(member => new RawMember(member.Key, member.RawKey, member.RawValue));
    }

    /// <summary>The raw text of the last member named <paramref name="name"/> (JSON's last-wins rule), or null.</summary>
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
}
