using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Worb.Api.Security;

namespace Worb.Host;

/// <summary>
/// Serves the dashboard embedded in this assembly (ui/src plus the pinned vendor bundles, see Worb.Host.csproj):
/// assets under <c>/ui/</c>, the GraphiQL playground at <c>/playground</c>, and the single page for the paths the
/// wandb client prints (<c>/{entity}/{project}</c>, <c>/{entity}/{project}/runs/{run}</c>) and the dashboard's own
/// (<c>/</c>, <c>/sql</c>, <c>/{entity}/{project}/artifacts[/{collection}[/{version}]]</c>), which route on the client. Paths of the server's own surfaces never get the page.
/// </summary>
public static class DashboardUi
{
    /// <summary>GraphiQL's stylesheet embeds its fonts and icons as data: URLs; the rest of the policy stays as strict.</summary>
    private const string PlaygroundPolicy = SecurityHeadersMiddleware.ContentSecurityPolicy + "; font-src 'self' data:; img-src 'self' data:";

    private static readonly HashSet<string> ServerPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "files", "graphql", "upload", "ui", "metrics", "playground", "login", "logout", "artifacts", "artifactsV2",
    };

    public static IEndpointRouteBuilder MapDashboardUi(this IEndpointRouteBuilder app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(DashboardUi).Assembly, "ui");
        var contentTypes = new FileExtensionContentTypeProvider();
        var etag = $"\"{typeof(DashboardUi).Assembly.ManifestModule.ModuleVersionId:N}\"";

        IResult Serve(HttpContext context, string path)
        {
            var file = files.GetFileInfo(path);
            if (!file.Exists || file.IsDirectory)
            {
                return Results.Json(new { error = $"No dashboard file '{path}'." }, statusCode: StatusCodes.Status404NotFound);
            }
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var contentType = contentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            return Results.Stream(file.CreateReadStream(), contentType);
        }

        IResult Page(HttpContext context, string first) => ServerPrefixes.Contains(first)
            ? Results.Json(new { error = $"Nothing at {context.Request.Path}." }, statusCode: StatusCodes.Status404NotFound)
            : Serve(context, "index.html");

        app.MapGet("/ui/{**path}", (HttpContext context, string path) => Serve(context, path));
        app.MapGet("/playground", (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = PlaygroundPolicy;
            return Serve(context, "playground.html");
        });
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        app.MapGet("/sql", (HttpContext context) => Serve(context, "index.html"));
        app.MapGet("/{entity}/{project}", (HttpContext context, string entity) => Page(context, entity));
        app.MapGet("/{entity}/{project}/runs/{run}", (HttpContext context, string entity) => Page(context, entity));
        app.MapGet("/{entity}/{project}/artifacts", (HttpContext context, string entity) => Page(context, entity));
        app.MapGet("/{entity}/{project}/artifacts/{collection}", (HttpContext context, string entity) => Page(context, entity));
        app.MapGet("/{entity}/{project}/artifacts/{collection}/{version}", (HttpContext context, string entity) => Page(context, entity));
        return app;
    }
}
