using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Runs;

/// <summary>Project-wide run listings: everything stored, filtered and ordered.</summary>
public sealed class RunQueries(RunReader runs, IStoreBarrier barrier, RunStateView states)
{
    public async Task<IReadOnlyList<RunRecord>> ListAsync(
        ProjectNode project, string? filters, string? order, CancellationToken cancellationToken)
    {
        await barrier.FlushAllAsync(cancellationToken);
        var filter = RunFilter.Parse(filters);
        var all = await runs.ListAsync(project.Id, cancellationToken);
        var matching = all.Select(r => new RunDocument(r, states.Shown(r))).Where(filter.Matches).ToList();
        matching.Sort(RunOrder.Parse(order));
        return matching.Select(d => d.Run).ToList();
    }

    public async Task<int> CountAsync(ProjectNode project, string? filters, CancellationToken cancellationToken) =>
        (await ListAsync(project, filters, order: null, cancellationToken)).Count;
}
