using Microsoft.AspNetCore.Http;
using Worb.Grains.Interfaces;

namespace Worb.Api.Files;

/// <summary>
/// Builds the URLs the clients use for run files: signed upload URLs (the client sends no auth with the PUT)
/// and download URLs.
/// </summary>
public sealed class RunFileLinks
{
    /// <summary>An unguessable, signed URL that accepts one PUT of <paramref name="fileName"/> for the run.</summary>
    public string UploadUrl(HttpRequest request, long runId, string fileName) =>
        throw new NotImplementedException();

    /// <summary>Where the file's bytes can be downloaded (GET).</summary>
    public string DownloadUrl(HttpRequest request, RunKey run, string fileName) =>
        throw new NotImplementedException();
}
