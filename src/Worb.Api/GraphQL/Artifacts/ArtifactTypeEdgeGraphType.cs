using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactTypeEdgeGraphType() : EdgeGraphType<ArtifactTypeGraphType, ArtifactTypeNode>("ArtifactTypeEdge");
