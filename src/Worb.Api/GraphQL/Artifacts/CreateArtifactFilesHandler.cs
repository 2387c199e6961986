using GraphQL;
using Worb.Api.Artifacts;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>createArtifactFiles</c>: one batched call for the local files of pending artifacts. A file whose bytes a
/// committed version of the same collection stored already gets no upload URL, and that version as <c>artifact</c>.
/// </summary>
public sealed class CreateArtifactFilesHandler(ArtifactWriter writer, ArtifactLinks links)
{
    public async Task<CountedConnection<ArtifactFileNode>> HandleAsync(CreateArtifactFilesInput input, CancellationToken cancellationToken)
    {
        var specs = (input.ArtifactFiles ?? [])
            .Select(f => new ArtifactFileSpec(ArtifactIdArgument.Parse(f.ArtifactID), f.Name ?? "", f.Md5 ?? ""))
            .ToList();
        IReadOnlyList<ArtifactFilePlan> plans;
        try
        {
            plans = await writer.AddFilesAsync(specs, cancellationToken);
        }
        catch (ArtifactException e)
        {
            throw new ExecutionError(e.Message);
        }
        var nodes = plans.Select(p => new ArtifactFileNode(
            p.ArtifactId,
            p.Name,
            p.Md5Base64,
            0,
            null,
            p.BirthArtifactId,
            null,
            p.NeedsUpload ? links.FileUploadUrl(p.ArtifactId, p.Name) : null,
            null)).ToList();
        return CountedConnection<ArtifactFileNode>.Of(nodes, null, null);
    }
}
