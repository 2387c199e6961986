using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Worb.Api.Dashboard;

/// <summary><c>GET /api/runs/{entity}/{project}/{run}/histograms?key=grads&amp;steps=120</c>: a histogram key over steps, NDJSON.</summary>
internal static class HistogramEndpoints
{
    private const int MaxSteps = 1000;

    public static IEndpointRouteBuilder MapDashboardHistograms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{entity}/{project}/{run}/histograms", ReadAsync);
        return app;
    }

    private static async Task<IResult> ReadAsync(
        string entity, string project, string run, string? key, int? steps, DashboardRunLocator locator, HistogramReader histograms,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return ApiProblem.BadRequest("key is required: the histogram's metric name.");
        }
        if (steps is < 1 or > MaxSteps)
        {
            return ApiProblem.BadRequest($"steps must be between 1 and {MaxSteps}.");
        }
        var found = await locator.FindStoredAsync(entity, project, run, cancellationToken);
        if (found is null)
        {
            return ApiProblem.NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        return NdJson.Stream(histograms.ReadAsync(found.Id, key, steps ?? 120, cancellationToken));
    }
}
