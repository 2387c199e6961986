namespace Worb.Api.GraphQL.Artifacts;

public sealed class UseArtifactInput
{
    public string? EntityName { get; set; }
    public string? ProjectName { get; set; }
    public string? RunName { get; set; }
    public string? ArtifactID { get; set; }
    public string? UsedAs { get; set; }
    public string? ArtifactEntityName { get; set; }
    public string? ArtifactProjectName { get; set; }
    public string? ClientMutationId { get; set; }
}
