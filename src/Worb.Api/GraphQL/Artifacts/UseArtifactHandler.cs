using GraphQL;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>useArtifact</c>: records that a run used a committed artifact (the run's input, for lineage).</summary>
public sealed class UseArtifactHandler(ArtifactWriter writer, ArtifactReader reader, RunNaming naming)
{
    public async Task<ArtifactPayload> HandleAsync(UseArtifactInput input, CancellationToken cancellationToken)
    {
        var artifactId = ArtifactIdArgument.Parse(input.ArtifactID);
        if (string.IsNullOrEmpty(input.RunName))
        {
            throw new ExecutionError("runName is required.");
        }
        try
        {
            await writer.UseAsync(artifactId, naming.Entity(input.EntityName), RunNaming.Project(input.ProjectName), input.RunName, input.UsedAs, cancellationToken);
        }
        catch (ArtifactException e)
        {
            throw new ExecutionError(e.Message);
        }
        var artifact = await reader.GetAsync(artifactId, cancellationToken)
            ?? throw new ExecutionError($"Artifact {input.ArtifactID} does not exist.");
        return new ArtifactPayload(artifact);
    }
}
