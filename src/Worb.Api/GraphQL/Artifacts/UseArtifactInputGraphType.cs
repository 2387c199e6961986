using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>UseArtifactInput</c>; probed by the SDK (<c>usedAs</c> listed adds it to the mutation).</summary>
public sealed class UseArtifactInputGraphType : InputObjectGraphType<UseArtifactInput>
{
    public UseArtifactInputGraphType()
    {
        Name = "UseArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("entityName");
        Field<NonNullGraphType<StringGraphType>>("projectName");
        Field<NonNullGraphType<StringGraphType>>("runName");
        Field<NonNullGraphType<IdGraphType>>("artifactID");
        Field<StringGraphType>("usedAs");
        Field<StringGraphType>("artifactEntityName");
        Field<StringGraphType>("artifactProjectName");
        Field<StringGraphType>("clientMutationId");
    }
}
