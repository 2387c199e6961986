using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Worb.Api.Dashboard;

/// <summary><c>GET /api/runs/{entity}/{project}/{run}/system?buckets=400</c>: the run's system metrics, one NDJSON line per metric.</summary>
internal static class SystemMetricsEndpoints
{
    private const int MaxBuckets = 5000;

    public static IEndpointRouteBuilder MapDashboardSystemMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{entity}/{project}/{run}/system", ReadAsync);
        return app;
    }

    private static async Task<IResult> ReadAsync(
        string entity, string project, string run, int? buckets, DashboardRunLocator locator, SystemMetricsReader metrics,
        CancellationToken cancellationToken)
    {
        if (buckets is < 1 or > MaxBuckets)
        {
            return ApiProblem.BadRequest($"buckets must be between 1 and {MaxBuckets}.");
        }
        var found = await locator.FindStoredAsync(entity, project, run, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        return NdJson.Stream(metrics.ReadAsync(found.Id, buckets ?? 400, cancellationToken));
    }
}
