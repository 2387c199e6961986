namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactManifestInput
{
    public string? ArtifactID { get; set; }
    public string? BaseArtifactID { get; set; }
    public string? Name { get; set; }
    public string? Digest { get; set; }
    public string? EntityName { get; set; }
    public string? ProjectName { get; set; }
    public string? RunName { get; set; }
    public string? Type { get; set; }
    public string? ClientMutationId { get; set; }
}
