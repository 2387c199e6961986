namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// What the client does with an announced file: upload it (<see cref="NeedsUpload"/>) or nothing, because the same
/// bytes are already stored for <see cref="BirthArtifactId"/>, an earlier version of the collection.
/// </summary>
public sealed record ArtifactFilePlan(long ArtifactId, string Name, string Md5Base64, long BirthArtifactId, bool NeedsUpload);
