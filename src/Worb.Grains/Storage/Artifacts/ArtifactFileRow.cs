namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// One file of an artifact as the readers list it: a manifest entry of a committed artifact (or, while pending, an
/// announced file). <see cref="Sha256"/> names the stored blob of a local file; <see cref="Ref"/> is set for references.
/// </summary>
public sealed record ArtifactFileRow(
    long ArtifactId,
    string Path,
    string Digest,
    long Size,
    string? Ref,
    long? BirthArtifactId,
    string? Sha256);
