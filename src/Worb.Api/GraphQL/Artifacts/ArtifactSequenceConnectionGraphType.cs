namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactSequenceConnectionGraphType() : CountedConnectionGraphType<ArtifactSequenceEdgeGraphType, Worb.Grains.Storage.Artifacts.ArtifactCollectionRow>("ArtifactSequenceConnection");
