using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Api.Files;

/// <summary>Run file uploads (PUT to a signed URL from CreateRunFiles) and downloads.</summary>
public static class RunFileEndpoints
{
    public static IEndpointRouteBuilder MapRunFiles(this IEndpointRouteBuilder app)
    {
        app.MapPut("/upload/{token}", UploadAsync);
        app.MapGet("/files/{entity}/{project}/{run}/{**name}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string token,
        HttpRequest request,
        UploadTokens tokens,
        BlobStore blobs,
        RunFileRepository files,
        IOptions<WorbOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (tokens.Validate(token) is not { } grant)
        {
            return Problem(StatusCodes.Status403Forbidden, "The upload URL is invalid or has expired; ask CreateRunFiles for a new one.");
        }
        if (!RunFileNames.IsValid(grant.FileName, out var nameError))
        {
            return Problem(StatusCodes.Status400BadRequest, nameError!);
        }
        if (!await files.RunExistsAsync(grant.RunId, cancellationToken))
        {
            return Problem(StatusCodes.Status404NotFound, "The run of this upload URL no longer exists.");
        }
        StoredBlob blob;
        try
        {
            blob = await blobs.SaveAsync(request.Body, options.Value.MaxBodyBytes, cancellationToken);
        }
        catch (BlobTooLargeException e)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        await files.SaveAsync(grant.RunId, grant.FileName, blob, cancellationToken);
        loggers.CreateLogger(typeof(RunFileEndpoints)).LogDebug(
            "Stored {File} of run {RunId}: {Size} bytes, sha256 {Sha256}", grant.FileName, grant.RunId, blob.Size, blob.Sha256);
        return Results.Ok();
    }

    private static async Task<IResult> DownloadAsync(
        string entity, string project, string run, string name, RunFileRepository files, BlobStore blobs, MimeTypes mimeTypes,
        CancellationToken cancellationToken)
    {
        var file = await files.FindAsync(entity, project, run, name, cancellationToken);
        var stream = file is null ? null : blobs.OpenRead(file.Sha256);
        if (stream is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"Run {entity}/{project}/{run} has no file '{name}'.");
        }
        return Results.Stream(stream, mimeTypes.For(name), enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
