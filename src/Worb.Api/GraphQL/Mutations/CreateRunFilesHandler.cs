using GraphQL;
using Worb.Api.Files;
using Worb.Api.GraphQL.Files;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary><c>createRunFiles</c>: one signed upload URL per requested name, in request order (none for an invalid name).</summary>
public sealed class CreateRunFilesHandler(IGrainFactory grains, RunRefResolver resolver, IRunFileUrls urls)
{
    public async Task<CreateRunFilesResult> HandleAsync(CreateRunFilesInput input)
    {
        var key = resolver.Resolve(input);
        var run = await grains.GetGrain<IRunGrain>(key.GrainKey).GetAsync()
            ?? throw new ExecutionError($"Run {key} does not exist.");
        // wandb-core expects one entry per requested name, so a name that could escape the run's files (or is no
        // relative path at all) gets an entry without URL rather than failing the whole mutation.
        var files = (input.Files ?? [])
            .Select(name => new UploadUrl(name, RunFileNames.IsValid(name, out _) ? urls.UploadUrl(run.RunId, name) : null))
            .ToList();
        return new CreateRunFilesResult(GraphIds.Run(run.Key), files);
    }
}
