using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactFilesInputGraphType : InputObjectGraphType<CreateArtifactFilesInput>
{
    public CreateArtifactFilesInputGraphType()
    {
        Name = "CreateArtifactFilesInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CreateArtifactFileSpecInputGraphType>>>>("artifactFiles");
        Field<ArtifactStorageLayoutGraphType>("storageLayout");
        Field<StringGraphType>("clientMutationId");
    }
}
