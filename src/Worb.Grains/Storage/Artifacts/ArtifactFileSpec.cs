namespace Worb.Grains.Storage.Artifacts;

/// <summary>One file CreateArtifactFiles announces: its path in the artifact and the base64 MD5 of its bytes.</summary>
public sealed record ArtifactFileSpec(long ArtifactId, string Name, string Md5Base64);
