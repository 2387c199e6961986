namespace Worb.Grains.Storage.Artifacts;

/// <summary>A run that used an artifact (lineage), with what the client called it (<c>usedAs</c>).</summary>
public sealed record ArtifactUsageRow(long ArtifactId, long RunId, string Entity, string Project, string RunName, string? UsedAs, double UsedAt);
