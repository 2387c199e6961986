using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Worb.Api.Security;

/// <summary>
/// The dashboard's login: <c>GET /login</c> shows a form asking for the API key, <c>POST /login</c> checks it and sets
/// the session cookie, <c>POST /logout</c> clears it. The page has no script or inline style, so it passes the CSP.
/// </summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, ShowLogin);
        app.MapPost(LoginPath, LoginAsync).DisableAntiforgery();
        app.MapPost(LogoutPath, Logout).DisableAntiforgery();
        return app;
    }

    /// <summary>The login page URL that returns to <paramref name="returnTo"/> afterwards.</summary>
    public static string LoginUrl(string returnTo) => $"{LoginPath}?next={Uri.EscapeDataString(SafeReturnPath(returnTo))}";

    /// <summary>Only a local path may be returned to (no <c>//host</c> or <c>/\host</c>): the login must not redirect off-site.</summary>
    public static string SafeReturnPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
            ? path
            : "/";

    private static IResult ShowLogin(HttpRequest request, ApiKeyStore keys)
    {
        if (!keys.Enabled)
        {
            return Results.Redirect("/");
        }
        return Page(SafeReturnPath(request.Query["next"]), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, ApiKeyStore keys, SessionCookies sessions)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Json(new { error = "Log in with a form: key=<API key>." }, statusCode: StatusCodes.Status400BadRequest);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var next = SafeReturnPath(form["next"]);
        if (!keys.Enabled)
        {
            return Results.Redirect(next);
        }
        var key = form["key"].ToString().Trim();
        if (keys.Find(key) is null)
        {
            return Page(next, "That is not a valid API key for this server.", StatusCodes.Status401Unauthorized);
        }
        sessions.Issue(context, key);
        return Results.Redirect(next);
    }

    private static IResult Logout(HttpContext context, SessionCookies sessions)
    {
        sessions.Clear(context);
        return Results.Redirect(LoginPath);
    }

    private static IResult Page(string next, string? error, int status)
    {
        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html =
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Worb — log in</title></head><body>" +
            "<h1>Worb</h1>" + message +
            $"<form method=\"post\" action=\"{LoginPath}\">" +
            $"<input type=\"hidden\" name=\"next\" value=\"{WebUtility.HtmlEncode(next)}\">" +
            "<label>API key <input type=\"password\" name=\"key\" autocomplete=\"current-password\" required autofocus></label> " +
            "<button type=\"submit\">Log in</button></form></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
