using System.Text.Json.Nodes;

namespace Worb.Api.GraphQL.Runs;

/// <summary>
/// Looks up a filter/order path on a run: top-level fields (<c>state</c>, <c>display_name</c>, <c>tags</c>, ...),
/// <c>config.&lt;key&gt;[.value]</c> (config stored wrapped as <c>{"value": v}</c> or plain) and
/// <c>summary_metrics.&lt;key&gt;</c>. Keys may themselves contain dots; the longest stored key wins.
/// </summary>
public static class RunFieldAccessor
{
    public static bool TryGet(RunDocument doc, string path, out JsonNode? value)
    {
        value = null;
        var run = doc.Run;
        switch (path)
        {
            case "name" or "id" or "runName":
                value = JsonValue.Create(run.Name);
                return true;
            case "display_name" or "displayName":
                value = JsonValue.Create(run.DisplayName ?? run.Name);
                return true;
            case "state":
                value = JsonValue.Create(doc.ShownState);
                return true;
            case "tags":
                value = new JsonArray(run.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
                return true;
            case "group" or "groupName" or "group_name":
                return Text(run.GroupName, out value);
            case "job_type" or "jobType":
                return Text(run.JobType, out value);
            case "host":
                return Text(run.Host, out value);
            case "sweep" or "sweepName" or "sweep_name":
                return Text(run.Sweep, out value);
            case "notes":
                return Text(run.Notes, out value);
            case "description":
                return Text(run.Description, out value);
            case "commit":
                return Text(run.Commit, out value);
            case "created_at" or "createdAt":
                value = JsonValue.Create(IsoTime.FromUnixSeconds(run.CreatedAt));
                return true;
            case "updated_at" or "updatedAt":
                value = JsonValue.Create(IsoTime.FromUnixSeconds(run.UpdatedAt));
                return true;
            case "heartbeat_at" or "heartbeatAt":
                value = JsonValue.Create(IsoTime.FromUnixSeconds(run.HeartbeatAt));
                return true;
        }
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }
        var root = path[..dot];
        var rest = path[(dot + 1)..].Split('.');
        return root switch
        {
            "config" => TryGetConfig(doc.Config, rest, out value),
            "summary_metrics" or "summaryMetrics" or "summary" => TryGetPath(doc.Summary, rest, out value),
            _ => false,
        };
    }

    private static bool Text(string? text, out JsonNode? value)
    {
        value = text is null ? null : JsonValue.Create(text);
        return true;
    }

    private static bool TryGetConfig(JsonObject config, string[] segments, out JsonNode? value)
    {
        value = null;
        for (var length = segments.Length; length >= 1; length--)
        {
            var key = string.Join('.', segments[..length]);
            if (!config.TryGetPropertyValue(key, out var entry))
            {
                continue;
            }
            var remaining = segments[length..];
            var wrapped = entry is JsonObject obj && obj.ContainsKey("value") && obj.All(p => p.Key is "value" or "desc");
            JsonNode? current = wrapped ? entry!["value"] : entry;
            if (remaining.Length > 0 && remaining[0] == "value" && (wrapped || !HasMember(current, "value")))
            {
                remaining = remaining[1..];
            }
            return TryGetPath(current, remaining, out value);
        }
        return false;
    }

    private static bool HasMember(JsonNode? node, string name) => node is JsonObject obj && obj.ContainsKey(name);

    /// <summary>Walks <paramref name="segments"/> down from <paramref name="node"/>, preferring the longest dotted key.</summary>
    private static bool TryGetPath(JsonNode? node, string[] segments, out JsonNode? value)
    {
        if (segments.Length == 0)
        {
            value = node;
            return true;
        }
        value = null;
        if (node is not JsonObject obj)
        {
            return false;
        }
        for (var length = segments.Length; length >= 1; length--)
        {
            var key = string.Join('.', segments[..length]);
            if (obj.TryGetPropertyValue(key, out var child))
            {
                return TryGetPath(child, segments[length..], out value);
            }
        }
        return false;
    }
}
