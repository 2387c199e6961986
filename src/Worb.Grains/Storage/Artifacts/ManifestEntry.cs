namespace Worb.Grains.Storage.Artifacts;

/// <summary>One entry of a <c>wandb_manifest.json</c>: a local file (no <see cref="Ref"/>) or a reference.</summary>
public sealed record ManifestEntry(string Path, string Digest, long Size, string? Ref, string? BirthArtifactId);
