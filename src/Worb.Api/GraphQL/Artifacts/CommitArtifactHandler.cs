using GraphQL;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>commitArtifact</c>: makes a pending artifact the next version; refused while any of its files is missing.</summary>
public sealed class CommitArtifactHandler(ArtifactWriter writer)
{
    public async Task<ArtifactPayload> HandleAsync(CommitArtifactInput input, CancellationToken cancellationToken)
    {
        var artifactId = ArtifactIdArgument.Parse(input.ArtifactID);
        try
        {
            return new ArtifactPayload(await writer.CommitAsync(artifactId, cancellationToken));
        }
        catch (ArtifactException e)
        {
            throw new ExecutionError(e.Message);
        }
    }
}
