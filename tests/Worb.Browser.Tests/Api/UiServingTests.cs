namespace Worb.Browser.Tests.Api;

/// <summary>The page is served for the dashboard's paths (and the wandb client's run URLs), never for the server's own.</summary>
[Collection(DashboardCollection.Name)]
public sealed class UiServingTests(DashboardHostFixture fixture)
{
    [Theory]
    [InlineData("/", "text/html", "<main id=\"page\">")]
    [InlineData("/sql", "text/html", "<main id=\"page\">")]
    [InlineData("/worb/vision", "text/html", "<main id=\"page\">")]
    [InlineData("/worb/vision/runs/alpha", "text/html", "<main id=\"page\">")]
    [InlineData("/worb/vision/artifacts", "text/html", "<main id=\"page\">")]
    [InlineData("/worb/vision/artifacts/dataset", "text/html", "<main id=\"page\">")]
    [InlineData("/worb/vision/artifacts/dataset/v1", "text/html", "<main id=\"page\">")]
    [InlineData("/playground", "text/html", "graphiql.min.js")]
    [InlineData("/ui/js/app.js", "text/javascript", "navigate")]
    [InlineData("/ui/vendor/uPlot.esm.js", "text/javascript", "uPlot")]
    [InlineData("/ui/vendor/uPlot.min.css", "text/css", ".uplot")]
    [InlineData("/ui/vendor/graphiql.min.js", "text/javascript", "GraphiQL")]
    [InlineData("/ui/vendor/react.production.min.js", "text/javascript", "React")]
    public async Task Dashboard_paths_serve_the_embedded_files(string path, string contentType, string contains)
    {
        using var response = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/files/a")]
    [InlineData("/upload/a")]
    [InlineData("/ui/missing.js")]
    [InlineData("/graphql")]
    [InlineData("/a/b/c")]
    [InlineData("/api/b/artifacts")]
    [InlineData("/files/b/artifacts/c/v0")]
    public async Task Server_paths_never_get_the_page(string path)
    {
        using var response = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode >= 400, $"{path}: HTTP {(int)response.StatusCode}");
        Assert.DoesNotContain("<main id=\"page\">", body, StringComparison.Ordinal);
    }
}
