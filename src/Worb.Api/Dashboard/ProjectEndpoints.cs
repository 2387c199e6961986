using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Worb.Api.GraphQL.Data;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary><c>GET /api/projects</c> and <c>DELETE /api/projects/{entity}/{project}</c>.</summary>
internal static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapDashboardProjects(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projects", ListAsync);
        app.MapDelete("/api/projects/{entity}/{project}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(IStoreBarrier barrier, DashboardProjectReader projects, CancellationToken cancellationToken)
    {
        await barrier.FlushAllAsync(cancellationToken);
        return Results.Ok(projects.ListAsync(cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(
        string entity, string project, ProjectReader projects, RunReader runs, IGrainFactory grains, RunRepository repository,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var found = await projects.GetAsync(entity, project, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Project {entity}/{project} does not exist.");
        }
        var deletedRuns = 0;
        foreach (var run in await runs.ListAsync(found.Id, cancellationToken))
        {
            if (await grains.GetGrain<IRunGrain>(run.Key.GrainKey).DeleteAsync())
            {
                deletedRuns++;
            }
        }
        var deleted = await repository.DeleteEmptyProjectAsync(entity, project, cancellationToken);
        loggers.CreateLogger(typeof(ProjectEndpoints)).LogInformation(
            "Deleted project {Entity}/{Project} with {Runs} runs", entity, project, deletedRuns);
        return deleted
            ? Results.Ok(new { deleted = true, runs = deletedRuns })
            : ApiProblem.Status(StatusCodes.Status409Conflict, $"Project {entity}/{project} got a new run while it was deleted; try again.");
    }
}
