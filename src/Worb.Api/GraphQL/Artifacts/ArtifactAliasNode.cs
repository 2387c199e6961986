using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>One alias of an artifact (its version alias <c>v&lt;N&gt;</c> included).</summary>
public sealed record ArtifactAliasNode(ArtifactRow Artifact, string Alias);
