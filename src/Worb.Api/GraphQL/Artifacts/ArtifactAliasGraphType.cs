using GraphQL.Types;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>ArtifactAlias</c>: an alias and the collection it belongs to.</summary>
public sealed class ArtifactAliasGraphType : ObjectGraphType<ArtifactAliasNode>
{
    public ArtifactAliasGraphType(ArtifactReader reader)
    {
        Name = "ArtifactAlias";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.Alias(c.Source.Artifact.CollectionId, c.Source.Alias));
        Field<NonNullGraphType<StringGraphType>>("alias").Resolve(c => c.Source.Alias);
        Field<NonNullGraphType<StringGraphType>>("artifactCollectionName").Resolve(c => c.Source.Artifact.CollectionName);
        Field<NonNullGraphType<ArtifactSequenceGraphType>>("artifactCollection").ResolveAsync(async c =>
            await reader.CollectionAsync(c.Source.Artifact.Entity, c.Source.Artifact.Project, c.Source.Artifact.CollectionName, null, c.CancellationToken));
        Field<NonNullGraphType<ArtifactGraphType>>("artifact").Resolve(c => c.Source.Artifact);
    }
}
