using Worb.Api.Artifacts;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>The manifest of an artifact (one per artifact: <c>wandb_manifest.json</c>).</summary>
public sealed record ArtifactManifestNode(ArtifactRow Artifact)
{
    public const string FileName = "wandb_manifest.json";

    /// <summary>The manifest as a file: its upload URL while the artifact is pending, its bytes once uploaded.</summary>
    public ArtifactFileNode File(ArtifactLinks links) => new(
        Artifact.Id,
        FileName,
        Artifact.ManifestMd5,
        0,
        null,
        null,
        Artifact.ManifestSha256,
        Artifact.IsCommitted ? null : links.ManifestUploadUrl(Artifact.Id),
        Artifact.UpdatedAt);
}
