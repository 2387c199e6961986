using System.Text.Json.Nodes;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Runs;

namespace Worb.Api.GraphQL.History;

/// <summary>One <c>sampledHistory</c> spec: <c>{"keys": [...], "samples": N, "minStep": a, "maxStep": b}</c>.</summary>
public sealed record SampledHistorySpec(IReadOnlyList<string> Keys, int? Samples, long? MinStep, long? MaxStep)
{
    public static SampledHistorySpec Parse(string? json)
    {
        var spec = LenientJsonParser.Parse(json) as JsonObject ?? [];
        var keys = spec["keys"] is JsonArray array
            ? array.Select(k => JsonValues.TryString(k, out var s) ? s : null).OfType<string>().ToList()
            : [];
        return new SampledHistorySpec(keys, Int(spec["samples"]), Long(spec["minStep"]), Long(spec["maxStep"]));
    }

    private static int? Int(JsonNode? node) =>
        JsonValues.TryNumber(node, out var n) ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;

    private static long? Long(JsonNode? node) =>
        JsonValues.TryNumber(node, out var n) ? (long)Math.Clamp(n, long.MinValue, long.MaxValue) : null;
}
