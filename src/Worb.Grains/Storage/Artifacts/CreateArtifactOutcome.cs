namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// The artifact CreateArtifact answers with — a new PENDING one, or an existing COMMITTED version with the same
/// digest — and the collection's newest committed version before it (the manifest's base).
/// </summary>
public sealed record CreateArtifactOutcome(ArtifactRow Artifact, ArtifactRow? LatestBefore);
