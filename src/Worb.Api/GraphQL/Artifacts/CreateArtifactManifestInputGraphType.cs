using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactManifestInputGraphType : InputObjectGraphType<CreateArtifactManifestInput>
{
    public CreateArtifactManifestInputGraphType()
    {
        Name = "CreateArtifactManifestInput";
        Field<NonNullGraphType<IdGraphType>>("artifactID");
        Field<IdGraphType>("baseArtifactID");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("digest");
        Field<NonNullGraphType<StringGraphType>>("entityName");
        Field<NonNullGraphType<StringGraphType>>("projectName");
        Field<NonNullGraphType<StringGraphType>>("runName");
        Field<ArtifactManifestTypeGraphType>("type");
        Field<StringGraphType>("clientMutationId");
    }
}
