using System.Globalization;

namespace Worb.Api.GraphQL;

/// <summary>The opaque ids of artifact objects: base64 of <c>Artifact:&lt;n&gt;</c>, <c>ArtifactSequence:&lt;n&gt;</c>, ...</summary>
public static class ArtifactGraphIds
{
    public static string Artifact(long id) => GraphIds.Encode("Artifact:" + Invariant(id));

    public static string Collection(long id) => GraphIds.Encode("ArtifactSequence:" + Invariant(id));

    public static string Type(long id) => GraphIds.Encode("ArtifactType:" + Invariant(id));

    public static string Manifest(long artifactId) => GraphIds.Encode("ArtifactManifest:" + Invariant(artifactId));

    public static string File(long artifactId, string path) => GraphIds.Encode($"ArtifactFile:{Invariant(artifactId)}:{path}");

    public static string Alias(long collectionId, string alias) => GraphIds.Encode($"ArtifactAlias:{Invariant(collectionId)}:{alias}");

    public static bool TryDecodeArtifact(string? id, out long artifactId) => TryDecode(id, "Artifact:", out artifactId);

    public static bool TryDecodeManifest(string? id, out long artifactId) => TryDecode(id, "ArtifactManifest:", out artifactId);

    private static bool TryDecode(string? id, string prefix, out long value)
    {
        value = 0;
        var text = GraphIds.TryDecode(id);
        return text is not null && text.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
