using Microsoft.AspNetCore.Http;
using Worb.Api.Files;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Files;

/// <summary><see cref="IRunFileUrls"/> built by <see cref="RunFileLinks"/> from the current HTTP request.</summary>
public sealed class HttpRunFileUrls(RunFileLinks links, IHttpContextAccessor accessor) : IRunFileUrls
{
    public string UploadUrl(long runId, string fileName) => links.UploadUrl(Request, runId, fileName);

    public string DownloadUrl(RunKey run, string fileName) => links.DownloadUrl(Request, run, fileName);

    private HttpRequest Request => accessor.HttpContext?.Request
        ?? throw new InvalidOperationException("Run file URLs need an HTTP request.");
}
