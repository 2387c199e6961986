using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>An artifact type together with the project it belongs to.</summary>
public sealed record ArtifactTypeNode(ArtifactTypeRow Row, string Entity, string Project);
