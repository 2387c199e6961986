using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactFileEdgeGraphType() : EdgeGraphType<ArtifactFileGraphType, ArtifactFileNode>("ArtifactFileEdge");
