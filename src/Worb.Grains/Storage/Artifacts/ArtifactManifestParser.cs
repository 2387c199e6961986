using System.Text.Json;

namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// Reads a <c>wandb_manifest.json</c> (version 1): <c>{"version": 1, "storagePolicy": ..., "contents": {path: {digest,
/// size, ref?, birthArtifactID?, extra?}}}</c>. Anything else is refused with a message naming the problem.
/// </summary>
public static class ArtifactManifestParser
{
    public static IReadOnlyList<ManifestEntry> Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"The artifact manifest is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArtifactException("The artifact manifest is not a JSON object.");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                throw new ArtifactException("The artifact manifest has no \"version\": 1; only manifest version 1 is supported.");
            }
            if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Object)
            {
                throw new ArtifactException("The artifact manifest has no \"contents\" object.");
            }
            var entries = new List<ManifestEntry>();
            foreach (var property in contents.EnumerateObject())
            {
                entries.Add(ParseEntry(property.Name, property.Value));
            }
            return entries;
        }
    }

    private static ManifestEntry ParseEntry(string path, JsonElement entry)
    {
        if (!ArtifactPaths.IsValid(path, out var pathError))
        {
            throw new ArtifactException($"Manifest entry '{path}': {pathError}.");
        }
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new ArtifactException($"Manifest entry '{path}' is not an object.");
        }
        var digest = entry.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (string.IsNullOrEmpty(digest))
        {
            throw new ArtifactException($"Manifest entry '{path}' has no digest.");
        }
        long size = 0;
        if (entry.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && !s.TryGetInt64(out size))
        {
            throw new ArtifactException($"Manifest entry '{path}' has a size that is not an integer.");
        }
        var reference = entry.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var birth = entry.TryGetProperty("birthArtifactID", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        return new ManifestEntry(path, digest, size, reference, birth);
    }
}
