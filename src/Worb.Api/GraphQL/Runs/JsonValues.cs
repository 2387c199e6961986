using System.Text.Json;
using System.Text.Json.Nodes;

namespace Worb.Api.GraphQL.Runs;

/// <summary>Equality and ordering of JSON values the way a MongoDB-style filter compares them.</summary>
public static class JsonValues
{
    public static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x.Equals(y);
        }
        return JsonNode.DeepEquals(a, b);
    }

    /// <summary>The order of two scalars of the same type (numbers, strings, booleans); null when not comparable.</summary>
    public static int? Compare(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return null;
        }
        if (TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x.CompareTo(y);
        }
        if (TryString(a, out var s) && TryString(b, out var t))
        {
            return string.CompareOrdinal(s, t);
        }
        if (TryBool(a, out var p) && TryBool(b, out var q))
        {
            return p.CompareTo(q);
        }
        return null;
    }

    public static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            number = value.GetValue<double>();
            return true;
        }
        return false;
    }

    public static bool TryString(JsonNode? node, out string text)
    {
        text = string.Empty;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }
        return false;
    }

    public static bool TryBool(JsonNode? node, out bool flag)
    {
        flag = false;
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            flag = value.GetValue<bool>();
            return true;
        }
        return false;
    }
}
