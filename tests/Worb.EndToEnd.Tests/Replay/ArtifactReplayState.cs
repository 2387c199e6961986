using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// What replaying artifact traffic needs to carry from one request to the next: the server's ids for the recorded
/// ones (artifacts, manifests, collections), the server's URLs for the recorded upload and download URLs, the
/// manifest bytes rebuilt with the server's ids, and the bytes PUT on each recorded URL (to compare downloads with).
/// </summary>
internal sealed class ArtifactReplayState(TrafficRecording recording)
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _urls = new(StringComparer.Ordinal);
    private readonly Dictionary<long, byte[]> _manifests = [];
    private readonly Dictionary<string, byte[]> _putBytes = new(StringComparer.Ordinal);

    /// <summary>Replaces every recorded id in the variables by the server's (in place).</summary>
    public void RewriteIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && _ids.TryGetValue(text, out var serverId))
                    {
                        obj[key] = serverId;
                    }
                    else
                    {
                        RewriteIds(obj[key]);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && _ids.TryGetValue(text, out var serverId))
                    {
                        array[i] = serverId;
                    }
                    else
                    {
                        RewriteIds(array[i]);
                    }
                }
                break;
        }
    }

    /// <summary>
    /// For the second CreateArtifactManifest (with a digest): rebuilds the manifest the next manifest PUT uploads with
    /// the server's ids, as the SDK writes it (<c>json.dump(indent=4)</c>), and announces its MD5 instead of the recorded one.
    /// </summary>
    public void PrepareManifest(TrafficRecord record, JsonObject variables)
    {
        if (record.OperationName != "CreateArtifactManifest" || string.IsNullOrEmpty(variables["digest"]?.GetValue<string>()))
        {
            return;
        }
        var put = recording.Records.FirstOrDefault(r => r.Seq > record.Seq && r.Method == "PUT" && r.IsArtifactManifestTransfer)
            ?? throw new ReplayFailedException($"{record}: no manifest PUT follows this CreateArtifactManifest.");
        var manifest = put.Body?.DeepClone() ?? throw new ReplayFailedException($"{put}: the manifest PUT has no body.");
        RewriteIds(manifest);
        var bytes = Encoding.UTF8.GetBytes(PythonJson.Dump(manifest));
        _manifests[put.Seq] = bytes;
        variables["digest"] = Convert.ToBase64String(MD5.HashData(bytes));
    }

    /// <summary>The bytes to PUT for a recorded artifact upload.</summary>
    public byte[] UploadBytes(TrafficRecord record) =>
        _manifests.TryGetValue(record.Seq, out var manifest) ? manifest
        : record.BodyKind == "json" ? Encoding.UTF8.GetBytes(PythonJson.Dump(record.Body, indent: null)) // logged parsed; the SDK wrote json.dumps
        : record.BodyBytes();

    /// <summary>Learns ids and URLs by comparing the recorded answer with the server's.</summary>
    public void Learn(TrafficRecord record, JsonNode? answer)
    {
        var recorded = record.RecordedResponse?["data"];
        var data = answer?["data"];
        if (recorded is null || data is null)
        {
            return;
        }
        switch (record.OperationName)
        {
            case "CreateArtifact":
                MapId(recorded["createArtifact"]?["artifact"]?["id"], data["createArtifact"]?["artifact"]?["id"]);
                MapId(recorded["createArtifact"]?["artifact"]?["artifactSequence"]?["id"], data["createArtifact"]?["artifact"]?["artifactSequence"]?["id"]);
                break;
            case "CreateArtifactManifest":
                var recordedManifest = recorded["createArtifactManifest"]?["artifactManifest"];
                var manifest = data["createArtifactManifest"]?["artifactManifest"];
                MapId(recordedManifest?["id"], manifest?["id"]);
                if (Text(recordedManifest?["file"]?["uploadUrl"]) is { } recordedUpload)
                {
                    _urls[PathOf(recordedUpload)] = Text(manifest?["file"]?["uploadUrl"])
                        ?? throw new ReplayFailedException($"{record}: the server handed out no manifest upload URL.");
                }
                break;
            case "CreateArtifactFiles":
                LearnFileEdges(record, recorded["createArtifactFiles"]?["files"], data["createArtifactFiles"]?["files"], "uploadUrl", mapArtifactIds: true);
                break;
            case "ArtifactFileURLs":
                LearnFileEdges(record, recorded["artifact"]?["files"], data["artifact"]?["files"], "directUrl", mapArtifactIds: false);
                break;
        }
        if (Find(recorded, "currentManifest") is { } recordedCurrent && Text(recordedCurrent["file"]?["directUrl"]) is { } recordedDirect)
        {
            _urls[PathOf(recordedDirect)] = Text(Find(data, "currentManifest")?["file"]?["directUrl"])
                ?? throw new ReplayFailedException($"{record}: the server's answer has no currentManifest.file.directUrl.");
        }
    }

    /// <summary>The server's URL for a recorded artifact PUT or GET; null when the server said no upload is needed.</summary>
    public bool TryGetUrl(TrafficRecord record, out string? url) => _urls.TryGetValue(Uri.UnescapeDataString(record.Path), out url);

    public void RememberPut(TrafficRecord record, byte[] bytes) => _putBytes[Uri.UnescapeDataString(record.Path)] = bytes;

    /// <summary>The bytes an earlier replayed PUT sent to the same recorded URL, if any.</summary>
    public byte[]? PutBytes(TrafficRecord record) => _putBytes.GetValueOrDefault(Uri.UnescapeDataString(record.Path));

    private void LearnFileEdges(TrafficRecord record, JsonNode? recordedFiles, JsonNode? files, string urlField, bool mapArtifactIds)
    {
        var byName = (files?["edges"] as JsonArray ?? []).Select(e => e?["node"]).Where(n => n is not null)
            .ToDictionary(n => Text(n!["name"]) ?? "", n => n!, StringComparer.Ordinal);
        foreach (var node in (recordedFiles?["edges"] as JsonArray ?? []).Select(e => e?["node"]))
        {
            var name = Text(node?["name"]) ?? "";
            if (!byName.TryGetValue(name, out var serverNode))
            {
                throw new ReplayFailedException($"{record}: the server's answer has no file '{name}'.");
            }
            if (mapArtifactIds)
            {
                MapId(node?["artifact"]?["id"], serverNode["artifact"]?["id"]);
            }
            if (Text(node?[urlField]) is { } recordedUrl)
            {
                _urls[PathOf(recordedUrl)] = Text(serverNode[urlField]);
            }
        }
    }

    private void MapId(JsonNode? recorded, JsonNode? server)
    {
        if (Text(recorded) is { } from && Text(server) is { } to)
        {
            _ids[from] = to;
        }
    }

    private static JsonObject? Find(JsonNode? node, string key) => node switch
    {
        JsonObject obj when obj[key] is JsonObject found => found,
        JsonObject obj => obj.Select(p => Find(p.Value, key)).FirstOrDefault(f => f is not null),
        JsonArray array => array.Select(n => Find(n, key)).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string PathOf(string url) => Uri.UnescapeDataString(new Uri(url, UriKind.Absolute).AbsolutePath);
}
