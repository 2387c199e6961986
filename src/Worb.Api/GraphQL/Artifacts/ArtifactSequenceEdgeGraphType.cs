using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactSequenceEdgeGraphType() : EdgeGraphType<ArtifactSequenceGraphType, Worb.Grains.Storage.Artifacts.ArtifactCollectionRow>("ArtifactSequenceEdge");
