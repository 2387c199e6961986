using Microsoft.AspNetCore.Http;
using Worb.Grains.Interfaces;

namespace Worb.Api.Files;

/// <summary>
/// Builds the URLs the clients use for run files: signed upload URLs (the client sends no auth with the PUT)
/// and download URLs, both on the address the client reached this server at.
/// </summary>
public sealed class RunFileLinks(UploadTokens tokens)
{
    /// <summary>An unguessable, signed URL that accepts one PUT of <paramref name="fileName"/> for the run.</summary>
    public string UploadUrl(HttpRequest request, long runId, string fileName) =>
        $"{BaseUrl(request)}/upload/{tokens.Create(runId, fileName)}";

    /// <summary>Where the file's bytes can be downloaded (GET).</summary>
    public string DownloadUrl(HttpRequest request, RunKey run, string fileName) =>
        $"{BaseUrl(request)}/files/{Escape(run.Entity)}/{Escape(run.Project)}/{Escape(run.Run)}/" +
        string.Join('/', fileName.Split('/').Select(Escape));

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
