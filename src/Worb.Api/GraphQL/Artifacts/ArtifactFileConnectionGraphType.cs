namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactFileConnectionGraphType() : CountedConnectionGraphType<ArtifactFileEdgeGraphType, ArtifactFileNode>("ArtifactFileConnection");
