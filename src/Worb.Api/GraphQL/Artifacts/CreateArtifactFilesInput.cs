namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactFilesInput
{
    public List<CreateArtifactFileSpecInput>? ArtifactFiles { get; set; }
    public string? StorageLayout { get; set; }
    public string? ClientMutationId { get; set; }
}
