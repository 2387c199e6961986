using GraphQL;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>Reads an artifact id argument, failing with a GraphQL error that names the bad value.</summary>
public static class ArtifactIdArgument
{
    public static long Parse(string? id, string field = "artifactID") =>
        ArtifactGraphIds.TryDecodeArtifact(id, out var artifactId)
            ? artifactId
            : throw new ExecutionError($"{field} '{id}' is not an artifact id.");
}
