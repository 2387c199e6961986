using GraphQL;
using Worb.Api.GraphQL.Files;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary><c>createRunFiles</c>: one signed upload URL per requested name, in request order.</summary>
public sealed class CreateRunFilesHandler(IGrainFactory grains, RunRefResolver resolver, IRunFileUrls urls)
{
    public async Task<CreateRunFilesResult> HandleAsync(CreateRunFilesInput input)
    {
        var key = resolver.Resolve(input);
        var run = await grains.GetGrain<IRunGrain>(key.GrainKey).GetAsync()
            ?? throw new ExecutionError($"Run {key} does not exist.");
        var files = (input.Files ?? []).Select(name => new UploadUrl(name, urls.UploadUrl(run.RunId, name))).ToList();
        return new CreateRunFilesResult(GraphIds.Run(run.Key), files);
    }
}
