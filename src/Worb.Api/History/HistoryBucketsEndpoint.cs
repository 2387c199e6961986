using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage.Queries;

namespace Worb.Api.History;

/// <summary>
/// <c>GET /api/runs/{entity}/{project}/{run}/history/buckets?key=loss&amp;buckets=1500&amp;minStep=&amp;maxStep=</c>:
/// a metric of one run in at most <c>buckets</c> step buckets (<see cref="HistoryBucketQuery"/>), streamed as
/// NDJSON, one line per non-empty bucket:
/// <c>{"firstStep":0,"lastStep":667,"last":0.1,"min":0.05,"max":0.9,"count":668}</c>.
/// Infinite values are written as the strings <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </summary>
public static class HistoryBucketsEndpoint
{
    public const int DefaultBuckets = 1000;

    public static IEndpointRouteBuilder MapHistoryBuckets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{entity}/{project}/{run}/history/buckets", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(
        string entity, string project, string run, string? key, int? buckets, long? minStep, long? maxStep,
        HttpContext context, IGrainFactory grains, HistoryBucketQuery query)
    {
        var cancellationToken = context.RequestAborted;
        var count = buckets ?? DefaultBuckets;
        if (string.IsNullOrEmpty(key) || count < 1 || count > HistoryBucketQuery.MaxBuckets)
        {
            await Results.Json(
                new { error = $"'key' is required and 'buckets' must be 1..{HistoryBucketQuery.MaxBuckets}" },
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        var grain = grains.GetGrain<IRunGrain>(new RunKey(entity, project, run).GrainKey);
        if (await grain.GetAsync() is not { } snapshot)
        {
            await Results.Json(new { error = $"Run '{run}' does not exist in {entity}/{project}." },
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }
        await grain.EnsureStoredAsync(); // every acknowledged value is in the answer

        context.Response.ContentType = "application/x-ndjson";
        var body = context.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        var lines = 0;
        await foreach (var bucket in query.QueryAsync(snapshot.RunId, key, minStep, maxStep, count, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("firstStep", bucket.FirstStep);
            json.WriteNumber("lastStep", bucket.LastStep);
            WriteDouble(json, "last", bucket.Last);
            WriteDouble(json, "min", bucket.Min);
            WriteDouble(json, "max", bucket.Max);
            json.WriteNumber("count", bucket.Count);
            json.WriteEndObject();
            json.Flush();
            json.Reset(body);
            body.Write("\n"u8);
            if (++lines % 256 == 0)
            {
                await body.FlushAsync(cancellationToken);
            }
        }
        await body.FlushAsync(cancellationToken);
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
