namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactAliasInput
{
    public string? ArtifactCollectionName { get; set; }
    public string? Alias { get; set; }
}
