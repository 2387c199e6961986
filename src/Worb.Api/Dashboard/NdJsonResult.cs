using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Worb.Api.Dashboard;

/// <summary>
/// Streams items as newline-delimited JSON (<c>application/x-ndjson</c>): one object per line, written as the
/// query yields it, so memory stays flat however many rows a query visits.
/// </summary>
internal sealed class NdJsonResult<T>(IAsyncEnumerable<T> items) : IResult
{
    private const int FlushEvery = 64;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "application/x-ndjson; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var written = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(response.Body, item, DashboardJson.Options, cancellationToken);
            await response.Body.WriteAsync(NewLine, cancellationToken);
            if (++written % FlushEvery == 0)
            {
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        await response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>Creates <see cref="NdJsonResult{T}"/>s.</summary>
internal static class NdJson
{
    public static IResult Stream<T>(IAsyncEnumerable<T> items) => new NdJsonResult<T>(items);
}
