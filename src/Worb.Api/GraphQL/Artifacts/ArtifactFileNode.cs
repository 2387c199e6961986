namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// A file of an artifact as GraphQL shows it: a manifest entry, an announced file (with its upload URL when the
/// bytes are still needed) or the manifest itself. <see cref="BirthArtifactId"/> is the artifact whose upload
/// stored the bytes; <see cref="Ref"/> is the URL of a reference entry.
/// </summary>
public sealed record ArtifactFileNode(
    long ArtifactId,
    string Name,
    string? Digest,
    long Size,
    string? Ref,
    long? BirthArtifactId,
    string? Sha256,
    string? UploadUrl,
    double? UpdatedAt);
