using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.Dashboard;

/// <summary>Finds a run for a dashboard read after its grain has stored every chunk it acknowledged.</summary>
public sealed class DashboardRunLocator(IGrainFactory grains, RunReader runs)
{
    public async Task<RunRecord?> FindStoredAsync(string entity, string project, string run, CancellationToken cancellationToken)
    {
        var key = new RunKey(entity, project, run);
        await grains.GetGrain<IRunGrain>(key.GrainKey).EnsureStoredAsync().WaitAsync(cancellationToken);
        return await runs.GetAsync(key, cancellationToken);
    }

    /// <summary>Flushes each named run, so reads across them see every acknowledged row.</summary>
    public Task EnsureStoredAsync(string entity, string project, IEnumerable<string> runNames, CancellationToken cancellationToken) =>
        Task.WhenAll(runNames.Select(name =>
            grains.GetGrain<IRunGrain>(new RunKey(entity, project, name).GrainKey).EnsureStoredAsync().WaitAsync(cancellationToken)));
}
