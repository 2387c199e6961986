namespace Worb.Api.GraphQL.Artifacts;

public sealed class CommitArtifactInput
{
    public string? ArtifactID { get; set; }
    public string? ClientMutationId { get; set; }
}
