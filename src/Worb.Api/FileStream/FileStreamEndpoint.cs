using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Concurrency;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Worb.Grains;
using Worb.Grains.Interfaces;

namespace Worb.Api.FileStream;

/// <summary>
/// <c>POST /files/{entity}/{project}/{run}/file_stream</c>: hands the body to the run's grain, which makes it durable
/// before this answers. The answer is what both the legacy client (reads <c>limits</c>) and wandb-core (reads
/// <c>stopped</c>) expect.
/// </summary>
public static class FileStreamEndpoint
{
    public static IEndpointRouteBuilder MapFileStream(this IEndpointRouteBuilder app)
    {
        app.MapPost("/files/{entity}/{project}/{run}/file_stream", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string entity, string project, string run, HttpContext context, IGrainFactory grains, IOptions<WorbOptions> options)
    {
        var body = await RequestBodies.ReadAsync(context, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body.Error is not null)
        {
            return body.Error;
        }
        using var bytes = body.Body!;
        var grain = grains.GetGrain<IRunGrain>(new RunKey(entity, project, run).GrainKey);
        // Immutable: a grain on this silo reads the pooled bytes in place; the call is over before they are returned.
        var result = await grain.AppendChunkAsync(new Immutable<ReadOnlyMemory<byte>>(bytes.Memory));
        if (result.Error is not null)
        {
            if (result.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Results.Json(new { error = result.Error }, statusCode: result.StatusCode);
        }
        return Results.Json(new FileStreamAnswer(null, new Dictionary<string, object>(), result.Stopped));
    }

    private sealed record FileStreamAnswer(
        [property: System.Text.Json.Serialization.JsonPropertyName("exitcode")] int? ExitCode,
        [property: System.Text.Json.Serialization.JsonPropertyName("limits")] Dictionary<string, object> Limits,
        [property: System.Text.Json.Serialization.JsonPropertyName("stopped")] bool Stopped);
}
