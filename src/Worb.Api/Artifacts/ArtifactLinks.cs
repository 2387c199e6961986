using Microsoft.AspNetCore.Http;

namespace Worb.Api.Artifacts;

/// <summary>
/// The URLs handed out for artifacts, on the address the client reached this server at: signed upload URLs for
/// files and manifests, and signed, unguessable download URLs (the client sends no auth with either).
/// </summary>
public sealed class ArtifactLinks(ArtifactTokens tokens, IHttpContextAccessor accessor)
{
    public string FileUploadUrl(long artifactId, string name) => $"{BaseUrl}/artifacts/upload/{tokens.FileUpload(artifactId, name)}";

    public string ManifestUploadUrl(long artifactId) => $"{BaseUrl}/artifacts/upload/{tokens.ManifestUpload(artifactId)}";

    public string DownloadUrl(string sha256, string name) => $"{BaseUrl}/artifacts/files/{tokens.Download(sha256, name)}";

    private string BaseUrl
    {
        get
        {
            var request = accessor.HttpContext?.Request ?? throw new InvalidOperationException("Artifact URLs need an HTTP request.");
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }
}
