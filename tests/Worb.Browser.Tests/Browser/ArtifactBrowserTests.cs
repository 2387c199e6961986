using Microsoft.Playwright;

namespace Worb.Browser.Tests.Browser;

/// <summary>
/// The artifacts pages and wandb.Table views in headless chromium, over a project ingested through the protocol
/// (<see cref="ArtifactScenario"/>); every page is checked for console errors and requests leaving the server.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ArtifactBrowserTests(DashboardHostFixture fixture, BrowserFixture browser)
{
    private static string NewProject() => "arts-" + Guid.NewGuid().ToString("N")[..8];

    private static Task<IReadOnlyList<string>> ColumnAsync(ILocator table, int column) =>
        table.Locator($"tbody tr td:nth-child({column})").AllInnerTextsAsync();

    [Fact]
    public async Task Artifacts_page_lists_collections_by_type_and_a_collection_lists_its_versions_with_aliases()
    {
        var scenario = await ArtifactScenario.IngestAsync(fixture.Host, NewProject());
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;

        // From the workspace, the Artifacts link.
        await page.GotoAsync(scenario.PagePath());
        await page.Locator("#crumbs a.crumb-artifacts").ClickAsync();
        await page.WaitForURLAsync($"**{scenario.PagePath("/artifacts")}");
        await Assertions.Expect(page.Locator(".collection-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".collection-row[data-collection=dataset]")).ToContainTextAsync("v1");
        await Assertions.Expect(page.Locator(".artifact-nav .artifact-type[data-type=dataset] li[data-collection=dataset]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".artifact-nav .artifact-type[data-type=run_table] li[data-collection=predictions]")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("artifacts");

        await page.Locator(".collection-row[data-collection=dataset] a").First.ClickAsync();
        await page.WaitForURLAsync($"**{scenario.PagePath("/artifacts/dataset")}");
        var rows = page.Locator(".version-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(["v1", "v0"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.version)"));
        Assert.Equal(["latest", "best"], await page.Locator(".version-row[data-version=v1] .aliases .tag").AllInnerTextsAsync());
        Assert.Equal(["first"], await page.Locator(".version-row[data-version=v0] .aliases .tag").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator(".version-row[data-version=v0] a.run-link")).ToHaveAttributeAsync(
            "href", $"/{scenario.Entity}/{scenario.Project}/runs/{ArtifactScenario.Producer}");
        await Assertions.Expect(page.Locator(".artifact-nav .nav-versions li")).ToHaveCountAsync(2);
        await watched.ScreenshotAsync("artifact-versions");
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Version_page_shows_metadata_files_that_download_their_bytes_and_lineage_linked_to_runs()
    {
        var scenario = await ArtifactScenario.IngestAsync(fixture.Host, NewProject());
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync(scenario.PagePath("/artifacts/dataset/first"));

        await Assertions.Expect(page.Locator(".artifact-main h1")).ToContainTextAsync("dataset:v0");
        await Assertions.Expect(page.Locator(".metadata > .tree")).ToContainTextAsync("synthetic");
        await Assertions.Expect(page.Locator(".metadata > .tree")).ToContainTextAsync("seed: 7");
        var files = page.Locator(".artifact-files .file-row");
        await Assertions.Expect(files).ToHaveCountAsync(2);
        foreach (var (path, bytes) in ArtifactScenario.DatasetV0)
        {
            var href = await page.Locator($".file-row[data-path=\"{path}\"] a.download").GetAttributeAsync("href");
            var response = await page.APIRequest.GetAsync(href!);
            Assert.Equal(200, response.Status);
            Assert.Equal(bytes, await response.BodyAsync());
        }
        var loggedBy = page.Locator(".lineage .logged-by a");
        await Assertions.Expect(loggedBy).ToHaveTextAsync(ArtifactScenario.Producer);
        await Assertions.Expect(loggedBy).ToHaveAttributeAsync("href", scenario.PagePath($"/runs/{ArtifactScenario.Producer}"));
        var usedBy = page.Locator(".lineage .used-by a");
        await Assertions.Expect(usedBy).ToHaveTextAsync(ArtifactScenario.Consumer);
        await watched.ScreenshotAsync("artifact-version");

        await usedBy.ClickAsync();
        await page.WaitForURLAsync($"**{scenario.PagePath($"/runs/{ArtifactScenario.Consumer}")}");
        await Assertions.Expect(page.Locator(".run-header h1")).ToContainTextAsync("train-on-data");
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task A_table_artifact_renders_as_a_table_whose_columns_sort_on_click()
    {
        var scenario = await ArtifactScenario.IngestAsync(fixture.Host, NewProject());
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync(scenario.PagePath("/artifacts/predictions/latest"));

        var table = page.Locator(".table-panel[data-path=\"predictions.table.json\"] table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        Assert.Equal(["id", "label", "score"], (await table.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Equal(["1", "2", "3", "4"], await ColumnAsync(table, 1));

        await table.Locator("th[data-col=score]").ClickAsync();
        await Assertions.Expect(table.Locator("th[data-col=score]")).ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.Equal(["3", "4", "1", "2"], await ColumnAsync(table, 1));
        Assert.Equal(["0.2", "0.5", "0.7", "0.95"], await ColumnAsync(table, 3));
        await table.Locator("th[data-col=score]").ClickAsync();
        await Assertions.Expect(table.Locator("th[data-col=score]")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Equal(["2", "1", "4", "3"], await ColumnAsync(table, 1));
        await table.Locator("th[data-col=label]").ClickAsync();
        Assert.Equal(["ant", "bird", "cat", "dog"], await ColumnAsync(table, 2));
        await watched.ScreenshotAsync("artifact-table");
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Run_page_lists_logged_and_used_artifacts_and_shows_a_logged_table_file()
    {
        var scenario = await ArtifactScenario.IngestAsync(fixture.Host, NewProject());
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;

        await page.GotoAsync(scenario.PagePath($"/runs/{ArtifactScenario.Producer}#artifacts"));
        var logged = page.Locator(".logged-artifacts .artifact-row");
        await Assertions.Expect(logged).ToHaveCountAsync(3);
        Assert.Equal(["dataset:v0", "dataset:v1", "predictions:v0"],
            (await logged.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.artifact)")).Order());
        await Assertions.Expect(page.Locator(".used-artifacts .empty")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("run-artifacts");

        await page.Locator("nav.tabs button[data-tab=files]").ClickAsync();
        var media = page.Locator($".files tr[data-file=\"{ArtifactScenario.MediaTable}\"]");
        await media.Locator("button.view-table").ClickAsync();
        var table = page.Locator(".file-viewer table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await table.Locator("th[data-col=guess]").ClickAsync();
        Assert.Equal(["apple", "mango", "zebra"], await ColumnAsync(table, 2));
        Assert.Equal(["1", "2", "0"], await ColumnAsync(table, 1));
        await watched.ScreenshotAsync("run-table-file");

        // The run's summary names the same table (a table-file value): it opens from the overview too.
        await page.Locator("nav.tabs button[data-tab=overview]").ClickAsync();
        await page.Locator(".summary tr[data-key=preds] button.view-table").ClickAsync();
        await Assertions.Expect(page.Locator(".summary-table table tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(["zebra", "apple", "mango"], await ColumnAsync(page.Locator(".summary-table table"), 2));
        await watched.ScreenshotAsync("run-summary-table");

        await page.GotoAsync(scenario.PagePath($"/runs/{ArtifactScenario.Consumer}#artifacts"));
        var used = page.Locator(".used-artifacts .artifact-row a");
        await Assertions.Expect(used).ToHaveTextAsync("dataset:v0");
        await Assertions.Expect(page.Locator(".logged-artifacts .empty")).ToBeVisibleAsync();
        await used.ClickAsync();
        await page.WaitForURLAsync($"**{scenario.PagePath("/artifacts/dataset/v0")}");
        await Assertions.Expect(page.Locator(".artifact-files .file-row")).ToHaveCountAsync(2);
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task A_project_without_artifacts_says_so_and_an_unknown_collection_shows_the_servers_message()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        var artifacts = $"/{fixture.Entity}/{DashboardHostFixture.Project}/artifacts";
        await page.GotoAsync(artifacts);
        await Assertions.Expect(page.Locator(".artifact-main .empty")).ToHaveTextAsync("No artifacts logged in this project.");
        await page.GotoAsync($"{artifacts}/nope/v0");
        await Assertions.Expect(page.Locator("#page .error")).ToContainTextAsync("has no artifact named 'nope'");
        watched.AssertCleanAndLocal($"/api/artifacts/{fixture.Entity}/{DashboardHostFixture.Project}/collections/nope");
    }
}
