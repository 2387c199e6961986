namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactAliasConnectionGraphType() : CountedConnectionGraphType<ArtifactAliasEdgeGraphType, ArtifactAliasNode>("ArtifactAliasConnection");
