namespace Worb.Grains.Storage.Artifacts;

/// <summary>What <c>CreateArtifact</c> asks for: a new version of a collection, with the client's ids and aliases.</summary>
public sealed record CreateArtifactRequest
{
    public required string Entity { get; init; }
    public required string Project { get; init; }
    public string? RunName { get; init; }
    public required string TypeName { get; init; }
    public required string CollectionName { get; init; }
    public required string Digest { get; init; }
    public string? Description { get; init; }
    public string? Metadata { get; init; }
    public string? ClientId { get; init; }
    public string? SequenceClientId { get; init; }
    public long? HistoryStep { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public bool DeduplicateByDigest { get; init; } = true;
}
