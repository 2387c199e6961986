using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Worb.Api.Security;

/// <summary>
/// Browser hardening on every answer: a CSP that allows only this origin's own files (no inline script), no
/// framing, no MIME sniffing, no referrer to other sites. Downloaded run files are user content on this origin, so
/// they are also sandboxed: an uploaded HTML file runs in an opaque origin and can't act as the dashboard.
/// No CORS headers are sent at all, so other sites can't read answers.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var download = HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/files", StringComparison.Ordinal);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers[HeaderNames.ContentSecurityPolicy] = download ? ContentSecurityPolicy + "; sandbox allow-scripts" : ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
