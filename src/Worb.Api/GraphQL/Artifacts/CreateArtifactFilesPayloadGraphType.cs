using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactFilesPayloadGraphType : ObjectGraphType<CountedConnection<ArtifactFileNode>>
{
    public CreateArtifactFilesPayloadGraphType()
    {
        Name = "CreateArtifactFilesPayload";
        Field<NonNullGraphType<ArtifactFileConnectionGraphType>>("files").Resolve(c => c.Source);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}
