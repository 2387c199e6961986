using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactAliasEdgeGraphType() : EdgeGraphType<ArtifactAliasGraphType, ArtifactAliasNode>("ArtifactAliasEdge");
