namespace Worb.Grains.Storage.Artifacts;

/// <summary>A request about artifacts that cannot be carried out; the message says why and is shown to the client.</summary>
public sealed class ArtifactException(string message) : Exception(message);
