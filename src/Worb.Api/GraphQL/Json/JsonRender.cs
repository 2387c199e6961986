using System.Text;
using System.Text.Json;

namespace Worb.Api.GraphQL.Json;

/// <summary>Small helpers that build JSON text from raw pieces.</summary>
public static class JsonRender
{
    /// <summary>A JSON string literal for <paramref name="value"/>.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>An object from members whose name and value are already JSON text.</summary>
    public static string Object(IEnumerable<RawMember> members)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var member in members)
        {
            if (!first)
            {
                builder.Append(", ");
            }
            first = false;
            builder.Append(member.RawName).Append(": ").Append(member.RawValue);
        }
        return builder.Append('}').ToString();
    }

    /// <summary>An array whose elements are already JSON text.</summary>
    public static string Array(IEnumerable<string> rawElements) => "[" + string.Join(", ", rawElements) + "]";

    /// <summary>A JSON array of strings (each line becomes a string element).</summary>
    public static string StringArray(IEnumerable<string> values) => Array(values.Select(Quote));
}
