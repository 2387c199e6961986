namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactTypeConnectionGraphType() : CountedConnectionGraphType<ArtifactTypeEdgeGraphType, ArtifactTypeNode>("ArtifactTypeConnection");
