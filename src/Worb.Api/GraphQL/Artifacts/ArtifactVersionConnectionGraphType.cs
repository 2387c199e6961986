using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>ArtifactConnection</c>: versions of a collection, or the artifacts a run logged or used.</summary>
public sealed class ArtifactVersionConnectionGraphType() : CountedConnectionGraphType<ArtifactVersionEdgeGraphType, ArtifactRow>("ArtifactConnection");
