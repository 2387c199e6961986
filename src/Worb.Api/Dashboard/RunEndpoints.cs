using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Data;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>
/// Runs: <c>GET /api/projects/{entity}/{project}/runs</c> (filtered and sorted, see <see cref="DashboardRunQuery"/>),
/// <c>GET /api/runs/{entity}/{project}/{run}</c>, <c>POST .../stop</c> and <c>DELETE</c>.
/// </summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapDashboardRuns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projects/{entity}/{project}/runs", ListAsync);
        app.MapGet("/api/runs/{entity}/{project}/{run}", GetAsync);
        app.MapPost("/api/runs/{entity}/{project}/{run}/stop", StopAsync);
        app.MapDelete("/api/runs/{entity}/{project}/{run}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string entity, string project, HttpRequest request, IStoreBarrier barrier, ProjectReader projects, RunReader runs,
        RunStateView states, CancellationToken cancellationToken)
    {
        if (!DashboardRunQuery.TryParse(request.Query, out var query, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        await barrier.FlushAllAsync(cancellationToken);
        var found = await projects.GetAsync(entity, project, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Project {entity}/{project} does not exist.");
        }
        var all = (await runs.ListAsync(found.Id, cancellationToken)).Select(r => DashboardRun.From(r, states.Shown(r)));
        return Results.Json(query.Order(all.Where(query.Matches)).ToList(), DashboardJson.Options);
    }

    private static async Task<IResult> GetAsync(
        string entity, string project, string run, DashboardRunLocator locator, RunStateView states, CancellationToken cancellationToken)
    {
        var found = await locator.FindStoredAsync(entity, project, run, cancellationToken);
        return found is null
            ? ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.")
            : Results.Json(DashboardRun.From(found, states.Shown(found)), DashboardJson.Options);
    }

    private static async Task<IResult> StopAsync(
        string entity, string project, string run, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRunGrain>(new RunKey(entity, project, run).GrainKey);
        var snapshot = await grain.GetAsync().WaitAsync(cancellationToken);
        if (snapshot is null)
        {
            return ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        if (snapshot.State != RunStates.Running)
        {
            return ApiProblem.Status(StatusCodes.Status409Conflict, $"Run {entity}/{project}/{run} is {snapshot.State}, not running.");
        }
        await grain.RequestStopAsync().WaitAsync(cancellationToken);
        return Results.Ok(new { stopped = true });
    }

    private static async Task<IResult> DeleteAsync(
        string entity, string project, string run, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var deleted = await grains.GetGrain<IRunGrain>(new RunKey(entity, project, run).GrainKey).DeleteAsync().WaitAsync(cancellationToken);
        return deleted
            ? Results.Ok(new { deleted = true })
            : ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
    }
}
