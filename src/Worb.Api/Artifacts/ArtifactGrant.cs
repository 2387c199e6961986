namespace Worb.Api.Artifacts;

/// <summary>
/// What a valid artifact token allows: for uploads the artifact and file name, for downloads the blob's SHA-256
/// (<see cref="Sha256"/>) and the name it is served under.
/// </summary>
public sealed record ArtifactGrant(ArtifactTokenKind Kind, long ArtifactId, string Name, string? Sha256);
