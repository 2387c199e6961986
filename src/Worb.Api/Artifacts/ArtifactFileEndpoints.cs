using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Api.Files;
using Worb.Api.GraphQL;
using Worb.Grains;
using Worb.Grains.Storage;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.Artifacts;

/// <summary>
/// Artifact bytes over HTTP: PUT to a signed upload URL (a file announced by CreateArtifactFiles, whose bytes must
/// have the announced MD5, or the manifest), GET of a signed download URL, and the client's fallback download path
/// <c>/artifactsV2/{region}/{entity}/{birthArtifactID}/{md5 hex}</c>.
/// </summary>
public static class ArtifactFileEndpoints
{
    public static IEndpointRouteBuilder MapArtifactFiles(this IEndpointRouteBuilder app)
    {
        app.MapPut("/artifacts/upload/{token}", UploadAsync);
        app.MapGet("/artifacts/files/{token}", DownloadAsync);
        app.MapGet("/artifactsV2/{region}/{entity}/{birthArtifactId}/{md5Hex}", FallbackDownloadAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string token,
        HttpContext context,
        ArtifactTokens tokens,
        ArtifactWriter writer,
        ArtifactReader reader,
        BlobStore blobs,
        IOptions<WorbOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ArtifactFileEndpoints));
        var grant = tokens.Validate(token);
        if (grant is null || grant.Kind == ArtifactTokenKind.Download)
        {
            return Problem(StatusCodes.Status403Forbidden, "The upload URL is invalid or has expired; ask CreateArtifactFiles for a new one.");
        }
        try
        {
            if (grant.Kind == ArtifactTokenKind.FileUpload)
            {
                var expectedMd5 = await writer.ExpectedFileMd5Async(grant.ArtifactId, grant.Name, cancellationToken);
                if (expectedMd5 is null)
                {
                    return Problem(StatusCodes.Status404NotFound,
                        $"Artifact {grant.ArtifactId} has no pending file '{grant.Name}' (it was committed, cleaned up or never announced).");
                }
                var blob = await blobs.SaveAsync(context.Request.Body, options.Value.MaxBodyBytes, cancellationToken, expectedMd5);
                await writer.StoreFileAsync(grant.ArtifactId, grant.Name, blob, cancellationToken);
                logger.LogDebug("Stored artifact {ArtifactId} file {File}: {Size} bytes, sha256 {Sha256}", grant.ArtifactId, grant.Name, blob.Size, blob.Sha256);
                return Results.Ok();
            }

            var artifact = await reader.GetAsync(grant.ArtifactId, cancellationToken);
            if (artifact is null || artifact.IsCommitted)
            {
                return Problem(StatusCodes.Status404NotFound, $"Artifact {grant.ArtifactId} is not pending; its manifest can no longer be uploaded.");
            }
            var body = await RequestBodies.ReadAsync(context, options.Value.MaxBodyBytes, cancellationToken);
            if (body.Error is not null)
            {
                return body.Error;
            }
            using var bytes = body.Body!;
            ArtifactManifestParser.Parse(bytes.Memory.Span);
            var manifest = await blobs.SaveAsync(new MemoryStream(bytes.Memory.ToArray()), options.Value.MaxBodyBytes, cancellationToken, artifact.ManifestMd5);
            await writer.StoreManifestAsync(grant.ArtifactId, manifest, cancellationToken);
            logger.LogDebug("Stored the manifest of artifact {ArtifactId}: {Size} bytes", grant.ArtifactId, manifest.Size);
            return Results.Ok();
        }
        catch (BlobDigestMismatchException e)
        {
            return Problem(StatusCodes.Status400BadRequest, $"Artifact {grant.ArtifactId} '{grant.Name}': {e.Message} Nothing was stored.");
        }
        catch (BlobTooLargeException e)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (ArtifactException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static IResult DownloadAsync(string token, ArtifactTokens tokens, BlobStore blobs, MimeTypes mimeTypes)
    {
        var grant = tokens.Validate(token);
        if (grant is not { Kind: ArtifactTokenKind.Download, Sha256: { } sha256 })
        {
            return Problem(StatusCodes.Status403Forbidden, "The download URL is invalid or has expired; ask for the artifact's files again.");
        }
        var stream = blobs.OpenRead(sha256);
        return stream is null
            ? Problem(StatusCodes.Status404NotFound, $"The file '{grant.Name}' is no longer stored.")
            : Results.Stream(stream, mimeTypes.For(grant.Name), enableRangeProcessing: true);
    }

    private static async Task<IResult> FallbackDownloadAsync(
        string entity, string birthArtifactId, string md5Hex, ArtifactReader reader, BlobStore blobs, CancellationToken cancellationToken)
    {
        var md5 = Md5.HexToBase64(md5Hex);
        if (md5 is null || !ArtifactGraphIds.TryDecodeArtifact(birthArtifactId, out var artifactId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Expected /artifactsV2/{region}/{entity}/{birth artifact id}/{md5 as 32 hex digits}.");
        }
        var file = await reader.StoredFileAsync(artifactId, md5, cancellationToken);
        var artifact = file is null ? null : await reader.GetAsync(artifactId, cancellationToken);
        var stream = artifact is { IsCommitted: true } && artifact.Entity == entity && file?.Sha256 is { } sha256 ? blobs.OpenRead(sha256) : null;
        return stream is null
            ? Problem(StatusCodes.Status404NotFound, $"No committed artifact {birthArtifactId} of {entity} stored a file with MD5 {md5Hex}.")
            : Results.Stream(stream, "application/octet-stream", enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
