namespace Worb.Api.GraphQL.Artifacts;

/// <summary>The input of <c>createArtifact</c> (SDK 0.17.9 and wandb-core).</summary>
public sealed class CreateArtifactInput
{
    public string? ArtifactTypeName { get; set; }
    public List<string>? ArtifactCollectionNames { get; set; }
    public string? ArtifactCollectionName { get; set; }
    public string? EntityName { get; set; }
    public string? ProjectName { get; set; }
    public string? RunName { get; set; }
    public string? Description { get; set; }
    public string? Digest { get; set; }
    public string? DigestAlgorithm { get; set; }
    public string? Labels { get; set; }
    public List<ArtifactAliasInput>? Aliases { get; set; }
    public string? Metadata { get; set; }
    public string? ClientID { get; set; }
    public string? SequenceClientID { get; set; }
    public bool? EnableDigestDeduplication { get; set; }
    public long? HistoryStep { get; set; }
    public string? DistributedID { get; set; }
    public long? TtlDurationSeconds { get; set; }
    public string? ClientMutationId { get; set; }
}
