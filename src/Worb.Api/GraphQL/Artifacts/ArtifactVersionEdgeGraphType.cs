using GraphQL.Types;
using Worb.Api.GraphQL.Types;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>An edge to an artifact; <c>version</c> is its version alias (<c>v3</c>), as <c>api.artifacts()</c> reads it.</summary>
public sealed class ArtifactVersionEdgeGraphType : EdgeGraphType<ArtifactGraphType, ArtifactRow>
{
    public ArtifactVersionEdgeGraphType()
        : base("ArtifactEdge")
    {
        Field<StringGraphType>("version").Resolve(c => c.Source.Node.VersionAlias);
    }
}
