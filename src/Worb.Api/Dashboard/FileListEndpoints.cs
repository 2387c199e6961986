using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Worb.Api.GraphQL.Data;

namespace Worb.Api.Dashboard;

/// <summary>One stored run file with the URL that downloads it.</summary>
public sealed record DashboardFile(string Name, long Size, string Md5, double UpdatedAt, string Url);

/// <summary><c>GET /api/runs/{entity}/{project}/{run}/files</c>: the run's files, downloaded via <c>/files/...</c>.</summary>
internal static class FileListEndpoints
{
    public static IEndpointRouteBuilder MapDashboardFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{entity}/{project}/{run}/files", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string entity, string project, string run, DashboardRunLocator locator, RunFileReader files, CancellationToken cancellationToken)
    {
        var found = await locator.FindStoredAsync(entity, project, run, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        var prefix = $"/files/{Uri.EscapeDataString(entity)}/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(run)}/";
        var list = (await files.ListAsync(found.Id, cancellationToken)).Select(f => new DashboardFile(
            f.Name, f.Size, f.Md5, f.UpdatedAt, prefix + string.Join('/', f.Name.Split('/').Select(Uri.EscapeDataString))));
        return Results.Json(list, DashboardJson.Options);
    }
}
