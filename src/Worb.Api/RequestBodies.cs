using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Worb.Api;

/// <summary>
/// Reads a request body into memory with a size cap, answering 413 beyond it. The bytes live in an array rented
/// from the shared pool (file_stream bodies are ~100 KB each, beyond the small-object heap): dispose the body when
/// done with it.
/// </summary>
public static class RequestBodies
{
    /// <summary>
    /// A body declared at most this much over the cap is read and discarded before the 413, so the client, still
    /// sending, gets a clean answer on a reusable connection; a bigger one is answered at once and the connection closed.
    /// </summary>
    private const long DiscardAllowance = 8L * 1024 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return declared - maxBytes <= DiscardAllowance && await TryDiscardAsync(context, declared, cancellationToken)
                ? new BodyRead(null, TooLargeResult(maxBytes))
                : new BodyRead(null, TooLarge(context, maxBytes));
        }
        // One byte more than declared, so a body that is longer than its Content-Length is still read to its end.
        var body = new PooledBody(request.ContentLength is { } length ? (int)Math.Min(length + 1, maxBytes + 1) : 16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.FreeSpace(), cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    body.Dispose();
                    return new BodyRead(null, TooLarge(context, maxBytes));
                }
                body.Advance(read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return new BodyRead(null, TooLarge(context, maxBytes));
        }
        catch
        {
            body.Dispose();
            throw;
        }
        return new BodyRead(body, null);
    }

    private static async Task<bool> TryDiscardAsync(HttpContext context, long declared, CancellationToken cancellationToken)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is null || limit.IsReadOnly)
        {
            return false;
        }
        limit.MaxRequestBodySize = declared;
        var buffer = new byte[64 * 1024];
        while (await context.Request.Body.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
        return true;
    }

    /// <summary>
    /// 413 without reading the rest of the body. The connection is closed after the answer: the unread body makes it
    /// unusable, and saying so keeps clients from sending their next request on it.
    /// </summary>
    private static IResult TooLarge(HttpContext context, long maxBytes)
    {
        context.Response.Headers.Connection = "close";
        return TooLargeResult(maxBytes);
    }

    private static IResult TooLargeResult(long maxBytes) =>
        Results.Json(new { error = $"The request body is larger than the limit of {maxBytes} bytes." },
            statusCode: StatusCodes.Status413PayloadTooLarge);
}

/// <summary>A body that was read (dispose it to return its buffer), or the answer to give instead.</summary>
public readonly record struct BodyRead(PooledBody? Body, IResult? Error);
