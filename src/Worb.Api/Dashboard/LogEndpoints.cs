using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Worb.Api.Dashboard;

/// <summary>
/// <c>GET /api/runs/{entity}/{project}/{run}/logs?after=-1&amp;limit=1000&amp;q=text</c>: console lines after a cursor
/// as NDJSON; a page following a running run asks again with <c>after</c> = the last line it got.
/// </summary>
internal static class LogEndpoints
{
    private const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapDashboardLogs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{entity}/{project}/{run}/logs", ReadAsync);
        return app;
    }

    private static async Task<IResult> ReadAsync(
        string entity, string project, string run, long? after, int? limit, string? q, DashboardRunLocator locator,
        ConsoleLogReader logs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblem.BadRequest($"limit must be between 1 and {MaxLimit}.");
        }
        var found = await locator.FindStoredAsync(entity, project, run, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        var contains = string.IsNullOrEmpty(q) ? null : q;
        return NdJson.Stream(logs.ReadAsync(found.Id, after ?? -1, limit ?? 1000, contains, cancellationToken));
    }
}
