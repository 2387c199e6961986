using System.Text;
using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>One recorded request (a line of a traffic/*.jsonl file). Only the request side is used for testing.</summary>
public sealed record TrafficRecord(
    long Seq,
    string Method,
    string Path,
    string? Query,
    IReadOnlyDictionary<string, string> Headers,
    string? BodyKind,
    JsonNode? Body,
    int RecordedStatus,
    string? GraphQlOperation,
    JsonNode? RecordedResponse = null)
{
    /// <summary>The GraphQL operation: the recording's label, else operationName, else parsed from the query text.</summary>
    public string? OperationName
    {
        get
        {
            if (!IsGraphQl)
            {
                return null;
            }
            if (!string.IsNullOrEmpty(GraphQlOperation))
            {
                return GraphQlOperation;
            }
            if (Body?["operationName"] is JsonValue name && name.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
            var query = Body?["query"]?.GetValue<string>() ?? "";
            var match = System.Text.RegularExpressions.Regex.Match(query, @"\b(?:query|mutation)\s+(\w+)");
            return match.Success ? match.Groups[1].Value : null;
        }
    }

    public bool IsGraphQl => Method == "POST" && Path == "/graphql";

    public bool IsFileStream => Method == "POST" && Path.StartsWith("/files/", StringComparison.Ordinal) && Path.EndsWith("/file_stream", StringComparison.Ordinal);

    public bool IsUpload => Method == "PUT";

    /// <summary>A PUT or GET of artifact bytes (a file or a manifest), on the recording server's URL layout.</summary>
    public bool IsArtifactTransfer => Method is "PUT" or "GET" && Path.StartsWith("/artifact", StringComparison.Ordinal);

    /// <summary>A manifest PUT or GET (<c>.../wandb_manifest.json</c>).</summary>
    public bool IsArtifactManifestTransfer => IsArtifactTransfer && Path.EndsWith("/wandb_manifest.json", StringComparison.Ordinal);

    /// <summary>True when the recording carried an Authorization header (in any letter case).</summary>
    public bool HadAuthorization => Headers.Keys.Any(k => string.Equals(k, "Authorization", StringComparison.OrdinalIgnoreCase));

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The GraphQL variables of the request (an empty object when there are none).</summary>
    public JsonObject Variables => Body?["variables"] as JsonObject ?? [];

    /// <summary>The request body as the exact bytes the client sent (text and base64 bodies are decoded byte-exact).</summary>
    public byte[] BodyBytes() => BodyKind switch
    {
        null => [],
        "text" => Encoding.UTF8.GetBytes(Body!.GetValue<string>()),
        "base64" => Convert.FromBase64String(Body!.GetValue<string>()),
        "json" => Encoding.UTF8.GetBytes(Body!.ToJsonString(RecordedJson.WriteOptions)),
        _ => throw new InvalidDataException($"seq {Seq}: unknown body_kind '{BodyKind}'"),
    };

    /// <summary>For a file_stream request: entity, project and run id from the path.</summary>
    public (string Entity, string Project, string Run) FileStreamTarget()
    {
        var parts = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!IsFileStream || parts.Length != 5)
        {
            throw new InvalidOperationException($"seq {Seq}: {Path} is not a file_stream path.");
        }
        return (Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]), Uri.UnescapeDataString(parts[3]));
    }

    public override string ToString() => $"seq {Seq} {Method} {Path}{(GraphQlOperation is null ? "" : " " + GraphQlOperation)}";
}
