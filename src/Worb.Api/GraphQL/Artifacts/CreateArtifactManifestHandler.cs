using GraphQL;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>createArtifactManifest</c>: the manifest of a pending artifact. The client calls it twice — first without a
/// digest, then with the base64 MD5 of the manifest file it will upload — and asks for the upload URL the second time.
/// </summary>
public sealed class CreateArtifactManifestHandler(ArtifactWriter writer, ArtifactReader reader)
{
    public async Task<ArtifactManifestNode> HandleAsync(CreateArtifactManifestInput input, CancellationToken cancellationToken)
    {
        var artifactId = ArtifactIdArgument.Parse(input.ArtifactID);
        if (!string.IsNullOrEmpty(input.Name) && input.Name != ArtifactManifestNode.FileName)
        {
            throw new ExecutionError($"The manifest must be named {ArtifactManifestNode.FileName}, not '{input.Name}'.");
        }
        try
        {
            await writer.SetManifestDigestAsync(artifactId, input.Digest, cancellationToken);
        }
        catch (ArtifactException e)
        {
            throw new ExecutionError(e.Message);
        }
        var artifact = await reader.GetAsync(artifactId, cancellationToken)
            ?? throw new ExecutionError($"Artifact {input.ArtifactID} does not exist.");
        return new ArtifactManifestNode(artifact);
    }
}
