using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class CommitArtifactInputGraphType : InputObjectGraphType<CommitArtifactInput>
{
    public CommitArtifactInputGraphType()
    {
        Name = "CommitArtifactInput";
        Field<NonNullGraphType<IdGraphType>>("artifactID");
        Field<StringGraphType>("clientMutationId");
    }
}
