using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactAliasInputGraphType : InputObjectGraphType<ArtifactAliasInput>
{
    public ArtifactAliasInputGraphType()
    {
        Name = "ArtifactAliasInput";
        Field<NonNullGraphType<StringGraphType>>("artifactCollectionName");
        Field<NonNullGraphType<StringGraphType>>("alias");
    }
}
