using Worb.Api.GraphQL.Json;

namespace Worb.Api.GraphQL.History;

/// <summary>The type names <c>historyKeys.keys.*.typeCounts[].type</c> uses.</summary>
public static class HistoryValueTypes
{
    /// <summary>Maps a stored <c>history.kind</c> to the client's type name.</summary>
    public static string FromStoredKind(string kind) => kind switch
    {
        "number" or "nan" => "number",
        "bool" or "boolean" => "boolean",
        "object" or "map" => "map",
        "list" => "list",
        "string" => "string",
        "null" => "null",
        _ => kind,
    };

    /// <summary>Classifies one raw JSON value (as written in a history line).</summary>
    public static string FromRawValue(string raw)
    {
        if (raw.Length == 0)
        {
            return "null";
        }
        switch (raw[0])
        {
            case '"':
                return "string";
            case 't' or 'f':
                return "boolean";
            case 'n':
                return "null";
            case '[':
                return "list";
            case '{':
                var members = LenientObjectReader.ReadMembers(raw);
                var type = members is null ? null : LenientObjectReader.GetRawValue(members, "_type");
                if (type is not null && type.StartsWith('"'))
                {
                    try
                    {
                        return System.Text.Json.JsonSerializer.Deserialize<string>(type) ?? "map";
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return "map";
                    }
                }
                return "map";
            default:
                return "number";
        }
    }
}
