using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>The payload of createArtifact, commitArtifact and useArtifact: the artifact.</summary>
public sealed record ArtifactPayload(ArtifactRow Artifact);
