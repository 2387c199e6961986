using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Worb.Api.Security;

/// <summary>
/// When API keys are configured, lets a request through only with a valid key (Authorization header) or login
/// cookie. Signed upload URLs (<c>PUT /upload/{token}</c>, which the client sends without credentials) and the login
/// page itself are the exceptions. Refusals: a browser asking for a page is sent to the login page; protocol
/// endpoints get 401 with <c>WWW-Authenticate: Basic</c>; anything else gets a JSON 401.
/// </summary>
public sealed partial class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys, SessionCookies sessions, ILogger<ApiKeyMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Enabled || IsOpen(context.Request) || IsAuthenticated(context.Request))
        {
            return next(context);
        }
        LogRefused(logger, context.Request.Method, context.Request.Path);
        return RefuseAsync(context);
    }

    private bool IsAuthenticated(HttpRequest request)
    {
        var presented = PresentedKey.From(request);
        if (presented is not null)
        {
            return keys.Find(presented) is not null;
        }
        return sessions.IsValid(request);
    }

    /// <summary>
    /// What the clients reach without credentials: signed upload URLs (run files and artifacts) and signed artifact
    /// download URLs carry their own HMAC token; the login page must be reachable to log in.
    /// </summary>
    private static bool IsOpen(HttpRequest request)
    {
        var path = request.Path;
        return (HttpMethods.IsPut(request.Method) && path.StartsWithSegments("/upload", StringComparison.Ordinal))
            || (HttpMethods.IsPut(request.Method) && path.StartsWithSegments("/artifacts/upload", StringComparison.Ordinal))
            || (HttpMethods.IsGet(request.Method) && path.StartsWithSegments("/artifacts/files", StringComparison.Ordinal))
            || path.Equals(LoginEndpoints.LoginPath, StringComparison.Ordinal)
            || path.Equals(LoginEndpoints.LogoutPath, StringComparison.Ordinal);
    }

    private static Task RefuseAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (IsPageRequest(request))
        {
            response.Redirect(LoginEndpoints.LoginUrl(request.Path + request.QueryString));
            return Task.CompletedTask;
        }
        if (IsProtocolPath(request.Path))
        {
            response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"worb\"";
        }
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var message = PresentedKey.From(request) is null
            ? "This server needs an API key: send it as the password of HTTP Basic auth (user 'api'), as a Bearer token, or log in."
            : "The API key is not valid for this server.";
        return response.WriteAsJsonAsync(new { error = message }, context.RequestAborted);
    }

    /// <summary>Protocol endpoints the wandb clients use (GraphQL, file_stream and downloads).</summary>
    private static bool IsProtocolPath(PathString path) =>
        path.StartsWithSegments("/graphql", StringComparison.Ordinal) || path.StartsWithSegments("/files", StringComparison.Ordinal);

    /// <summary>A browser navigating to a page (not an API call): GET or HEAD that accepts HTML, outside the API paths.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !IsProtocolPath(request.Path)
        && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && request.Headers[HeaderNames.Accept].ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: no valid API key")]
    private static partial void LogRefused(ILogger logger, string method, PathString path);
}
