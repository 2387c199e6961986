using Microsoft.AspNetCore.Http;

namespace Worb.Api;

/// <summary>Reads a request body into memory with a size cap, answering 413 without reading past it.</summary>
public static class RequestBodies
{
    public static async Task<BodyRead> ReadAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return new BodyRead(null, TooLarge(context, maxBytes));
        }
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, maxBytes) : 4096);
        var chunk = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new BodyRead(null, TooLarge(context, maxBytes));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new BodyRead(null, TooLarge(context, maxBytes));
        }
        return new BodyRead(buffer.ToArray(), null);
    }

    /// <summary>
    /// 413 without reading the rest of the body. The connection is closed after the answer: the unread body makes it
    /// unusable, and saying so keeps clients from sending their next request on it.
    /// </summary>
    private static IResult TooLarge(HttpContext context, long maxBytes)
    {
        context.Response.Headers.Connection = "close";
        return Results.Json(new { error = $"The request body is larger than the limit of {maxBytes} bytes." },
            statusCode: StatusCodes.Status413PayloadTooLarge);
    }
}

public readonly record struct BodyRead(byte[]? Bytes, IResult? Error);
