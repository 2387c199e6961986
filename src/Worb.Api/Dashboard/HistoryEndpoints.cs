using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Worb.Api.Dashboard;

/// <summary>
/// Chart data for many runs: <c>GET /api/history?project=e/p&amp;runs=a,b&amp;keys=loss,acc&amp;buckets=800&amp;x=_step
/// &amp;xMin=&amp;xMax=&amp;afterStep=</c> streams one NDJSON line per run and key (see <see cref="HistoryBucketing"/>);
/// <c>GET /api/keys?project=e/p&amp;runs=a,b</c> lists the keys those runs logged. A key with a comma can be given
/// with a repeated <c>key=</c> instead of <c>keys=</c>.
/// </summary>
internal static class HistoryEndpoints
{
    public const int MaxRuns = 500;
    public const int MaxKeys = 200;
    public const int MaxBuckets = 5000;

    public static IEndpointRouteBuilder MapDashboardHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/history", HistoryAsync);
        app.MapGet("/api/keys", KeysAsync);
        return app;
    }

    private static async Task<IResult> HistoryAsync(
        HttpRequest request, DashboardRunLocator locator, HistoryBucketing bucketing, CancellationToken cancellationToken)
    {
        if (!TryRuns(request, out var entity, out var project, out var runs, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        var keys = List(request.Query["keys"]).Concat(request.Query["key"].OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count is 0 or > MaxKeys)
        {
            return ApiProblem.BadRequest($"keys must name between 1 and {MaxKeys} metrics.");
        }
        if (!TryNumber(request, "buckets", out var buckets, out error) || !TryNumber(request, "xMin", out var xMin, out error)
            || !TryNumber(request, "xMax", out var xMax, out error) || !TryNumber(request, "afterStep", out var afterStep, out error))
        {
            return ApiProblem.BadRequest(error!);
        }
        if (buckets is not null && (buckets < 1 || buckets > MaxBuckets || buckets != Math.Floor(buckets.Value)))
        {
            return ApiProblem.BadRequest($"buckets must be a whole number between 1 and {MaxBuckets}.");
        }
        if (xMin > xMax)
        {
            return ApiProblem.BadRequest("xMin must not exceed xMax.");
        }
        var x = request.Query["x"].ToString();
        await locator.EnsureStoredAsync(entity, project, runs, cancellationToken);
        var query = new HistoryBucketRequest(
            entity, project, runs, keys, x.Length == 0 ? HistoryBucketing.StepKey : x, (int)(buckets ?? 1000), xMin, xMax,
            afterStep is null ? null : (long)Math.Floor(afterStep.Value));
        return NdJson.Stream(bucketing.QueryAsync(query, cancellationToken));
    }

    private static async Task<IResult> KeysAsync(
        HttpRequest request, DashboardRunLocator locator, HistoryKeyCatalog catalog, CancellationToken cancellationToken)
    {
        if (!TryRuns(request, out var entity, out var project, out var runs, out var error))
        {
            return ApiProblem.BadRequest(error!);
        }
        await locator.EnsureStoredAsync(entity, project, runs, cancellationToken);
        return Results.Json(await catalog.ListAsync(entity, project, runs, cancellationToken), DashboardJson.Options);
    }

    private static bool TryRuns(HttpRequest request, out string entity, out string project, out List<string> runs, out string? error)
    {
        runs = List(request.Query["runs"]).Distinct(StringComparer.Ordinal).ToList();
        if (!ProjectPath.TryParse(request.Query["project"], out entity, out project, out error))
        {
            return false;
        }
        if (runs.Count is 0 or > MaxRuns)
        {
            error = $"runs must name between 1 and {MaxRuns} runs.";
            return false;
        }
        return true;
    }

    private static bool TryNumber(HttpRequest request, string name, out double? value, out string? error)
    {
        (value, error) = (null, null);
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            value = number;
            return true;
        }
        error = $"{name} must be a finite number, not '{text}'.";
        return false;
    }

    private static IEnumerable<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
