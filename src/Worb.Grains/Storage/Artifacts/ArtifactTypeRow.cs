namespace Worb.Grains.Storage.Artifacts;

/// <summary>An artifact type of a project (<c>dataset</c>, <c>model</c>, <c>run_table</c>, ...).</summary>
public sealed record ArtifactTypeRow(long Id, long ProjectId, string Name, double CreatedAt);
