using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Runs;

/// <summary>Loads one run for reading, after its grain has stored every line it acknowledged.</summary>
public sealed class RunLoader(RunReader runs, IGrainFactory grains)
{
    public async Task<RunRecord?> GetStoredAsync(RunKey key, CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(key, cancellationToken) is null)
        {
            return null;
        }
        await grains.GetGrain<IRunGrain>(key.GrainKey).EnsureStoredAsync();
        return await runs.GetAsync(key, cancellationToken);
    }
}
