namespace Worb.Grains.Storage.Artifacts;

/// <summary>One row of <c>artifacts</c> with the names of its collection, type, project and logging run.</summary>
public sealed record ArtifactRow
{
    public required long Id { get; init; }
    public required long CollectionId { get; init; }
    public required string CollectionName { get; init; }
    public required long TypeId { get; init; }
    public required string TypeName { get; init; }
    public required long ProjectId { get; init; }
    public required string Entity { get; init; }
    public required string Project { get; init; }
    public long? VersionIndex { get; init; }
    public required string State { get; init; }
    public required string Digest { get; init; }
    public string? Description { get; init; }
    public string? Metadata { get; init; }
    public long? CreatedByRunId { get; init; }
    public string? CreatedByRunName { get; init; }
    public long? HistoryStep { get; init; }
    public string? ManifestSha256 { get; init; }
    public string? ManifestMd5 { get; init; }
    public long Size { get; init; }
    public long FileCount { get; init; }
    public double CreatedAt { get; init; }
    public double UpdatedAt { get; init; }

    public bool IsCommitted => State == ArtifactStates.Committed;

    /// <summary>The version alias <c>v&lt;N&gt;</c>, or null while the artifact is pending.</summary>
    public string? VersionAlias => VersionIndex is { } index ? $"v{index}" : null;
}
