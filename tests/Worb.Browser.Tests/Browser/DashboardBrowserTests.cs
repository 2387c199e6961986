using System.Web;
using Microsoft.Playwright;

namespace Worb.Browser.Tests.Browser;

/// <summary>The dashboard as a person uses it, in headless chromium: every page is checked for console errors and
/// for requests that leave the server, and leaves a screenshot under bin/.../screenshots.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardHostFixture fixture, BrowserFixture browser)
{
    private string WorkspacePath => $"/{fixture.Entity}/{DashboardHostFixture.Project}";

    private static ILocator Chart(IPage page, string key) => page.Locator($".chart-card[data-key=\"{key}\"]");

    /// <summary>Moves the mouse over the middle of a chart and reads the run names its tooltip lists.</summary>
    private static async Task<IReadOnlyList<string>> HoverRunsAsync(IPage page, string key)
    {
        var over = Chart(page, key).Locator(".u-over");
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.15f, box.Y + box.Height * 0.5f); // where every run has data
        var tooltip = Chart(page, key).Locator(".tooltip");
        await Assertions.Expect(tooltip).ToBeVisibleAsync();
        var rows = await tooltip.Locator("div:not(.tooltip-x)").AllInnerTextsAsync();
        return rows.Select(r => r.Split(':')[0].Trim()).Order().ToList();
    }

    [Fact]
    public async Task Projects_page_lists_the_project_and_leads_to_its_workspace()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync("/");
        var row = page.Locator(".project-row", new() { HasText = DashboardHostFixture.Project });
        await Assertions.Expect(row).ToContainTextAsync("3");
        await Assertions.Expect(row).ToContainTextAsync("1 running");
        await watched.ScreenshotAsync("projects");

        await row.Locator("a.project-link").ClickAsync();
        await page.WaitForURLAsync($"**{WorkspacePath}");
        await Assertions.Expect(page.Locator(".run-row")).ToHaveCountAsync(3);
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Workspace_lists_runs_and_charts_every_visible_run_per_metric()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync(WorkspacePath);
        await Assertions.Expect(page.Locator(".run-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".run-row[data-run=alpha]")).ToContainTextAsync("resnet-small");
        await Assertions.Expect(page.Locator(".run-row[data-run=alpha] .badge")).ToHaveTextAsync("finished");
        await Assertions.Expect(page.Locator(".run-row[data-run=beta] .badge")).ToHaveTextAsync("running");
        await Assertions.Expect(page.Locator(".run-row[data-run=gamma] .badge")).ToHaveTextAsync("failed");

        foreach (var section in new[] { "train", "val", "charts", "histograms", "system" })
        {
            await Assertions.Expect(page.Locator($"details.section[data-section=\"{section}\"]")).ToBeVisibleAsync();
        }
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(Chart(page, "val/acc").Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".system-card[data-key=\"system.cpu\"] canvas")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("workspace");
        // Charts below the fold are fetched only once scrolled into view.
        Assert.DoesNotContain(watched.Requests, u => u.Contains("/histograms", StringComparison.Ordinal));
        await Chart(page, "train/grads").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(Chart(page, "train/grads").Locator("canvas.heatmap").First).ToBeVisibleAsync();
        Assert.Contains(watched.Requests, u => u.Contains("/histograms?key=train%2Fgrads", StringComparison.Ordinal));
        await watched.ScreenshotAsync("workspace-scrolled");
        await Chart(page, "train/loss").ScrollIntoViewIfNeededAsync();

        Assert.Equal(["resnet-big", "resnet-small", "tiny-cnn"], await HoverRunsAsync(page, "train/loss"));
        await watched.ScreenshotAsync("workspace-hover");

        var loss = watched.HistoryRequests().First(u => HttpUtility.ParseQueryString(u.Query)["key"] == "train/loss");
        var query = HttpUtility.ParseQueryString(loss.Query);
        Assert.Equal(["alpha", "beta", "gamma"], query["runs"]!.Split(',').Order());
        Assert.InRange(int.Parse(query["buckets"]!, System.Globalization.CultureInfo.InvariantCulture), 200, 1600);

        // Hiding a run takes it out of every chart.
        await page.Locator(".run-row[data-run=gamma] input.run-visible").UncheckAsync();
        await Assertions.Expect(page.Locator(".chart-card[data-key=\"train/loss\"] canvas")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.chart-card[data-key=\"train/loss\"] .u-over') !== null");
        Assert.Equal(["resnet-big", "resnet-small"], await HoverRunsAsync(page, "train/loss"));
        await page.Locator(".run-row[data-run=gamma] input.run-visible").CheckAsync();
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Zooming_a_chart_queries_the_finer_range_for_every_chart()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync(WorkspacePath);
        var over = Chart(page, "train/loss").Locator(".u-over");
        await Assertions.Expect(over).ToBeVisibleAsync();
        var box = (await over.BoundingBoxAsync())!;
        var before = watched.HistoryRequests().Count;

        var zoomed = page.WaitForRequestAsync(r => r.Url.Contains("/api/history", StringComparison.Ordinal)
            && r.Url.Contains("xMin=", StringComparison.Ordinal) && r.Url.Contains("key=val%2Facc", StringComparison.Ordinal));
        await page.Mouse.MoveAsync(box.X + box.Width * 0.2f, box.Y + box.Height * 0.5f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.4f, box.Y + box.Height * 0.5f, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var request = await zoomed;
        var query = HttpUtility.ParseQueryString(new Uri(request.Url).Query);
        var xMin = double.Parse(query["xMin"]!, System.Globalization.CultureInfo.InvariantCulture);
        var xMax = double.Parse(query["xMax"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(xMin > 0 && xMax < DashboardHostFixture.AlphaSteps && xMax - xMin < DashboardHostFixture.AlphaSteps / 2.0, $"zoomed to {xMin}..{xMax}");
        await Assertions.Expect(page.Locator("button", new() { HasText = "Reset zoom" })).ToBeVisibleAsync();
        Assert.True(watched.HistoryRequests().Count > before);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await watched.ScreenshotAsync("workspace-zoomed");

        var reset = page.WaitForRequestAsync(r => r.Url.Contains("/api/history", StringComparison.Ordinal) && !r.Url.Contains("xMin=", StringComparison.Ordinal));
        await page.Locator("button", new() { HasText = "Reset zoom" }).ClickAsync();
        await reset;
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Chart_settings_smooth_use_a_log_scale_and_change_the_x_axis()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync(WorkspacePath);
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();

        await page.Locator("select.smoothing").SelectOptionAsync("ema");
        await page.Locator("input.log-y").CheckAsync();
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        Assert.Equal(["resnet-big", "resnet-small", "tiny-cnn"], await HoverRunsAsync(page, "train/loss"));
        await watched.ScreenshotAsync("workspace-smoothed-log");

        var byRuntime = page.WaitForRequestAsync(r => r.Url.Contains("/api/history", StringComparison.Ordinal) && r.Url.Contains("x=_runtime", StringComparison.Ordinal));
        await page.Locator("select.x-axis").SelectOptionAsync("_runtime");
        await byRuntime;
        var byMetric = page.WaitForRequestAsync(r => r.Url.Contains("/api/history", StringComparison.Ordinal) && r.Url.Contains("x=val%2Facc", StringComparison.Ordinal));
        await page.Locator("select.x-axis").SelectOptionAsync("val/acc");
        await byMetric;
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("workspace-x-metric");

        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task A_running_run_is_followed_by_fetching_only_new_steps()
    {
        var project = "live-" + Guid.NewGuid().ToString("N")[..6];
        var run = new WandbRun(fixture.Host, project, "ongoing");
        await run.CreateAsync("ongoing-run");
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(200, 1));

        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync($"/{run.Entity}/{project}");
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".live")).ToBeVisibleAsync();

        var delta = page.WaitForRequestAsync(r => r.Url.Contains("afterStep=199", StringComparison.Ordinal) && r.Url.Contains("key=train%2Floss", StringComparison.Ordinal),
            new() { Timeout = 30_000 });
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(400, 1).Skip(200).ToList());
        var request = await delta;
        // What that request answers (its streamed body is not kept by chromium): only the new steps.
        var fresh = Assert.Single(await new DashboardApi(fixture.Host).GetLinesAsync(new Uri(request.Url).PathAndQuery));
        Assert.Equal(399, fresh["lastStep"]!.GetValue<long>());
        Assert.True(DashboardApi.Doubles(fresh["x"]).All(x => x > 199));
        await run.FinishAsync();

        // Once the run has finished, nothing is live any more.
        await page.ReloadAsync();
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".live")).ToBeHiddenAsync();
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Run_page_shows_overview_console_files_and_charts()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync($"{WorkspacePath}/runs/alpha");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("resnet-small");
        var overview = page.Locator(".overview");
        await Assertions.Expect(overview).ToContainTextAsync("browser-test-host");
        await Assertions.Expect(overview).ToContainTextAsync("train.py");
        await Assertions.Expect(overview).ToContainTextAsync("sweep-1");
        await Assertions.Expect(overview.Locator(".config")).ToContainTextAsync("optimizer");
        await Assertions.Expect(overview.Locator(".config")).ToContainTextAsync("adam");
        await Assertions.Expect(overview.Locator(".summary")).ToContainTextAsync("val/acc");
        await watched.ScreenshotAsync("run-overview");

        await page.Locator(".tabs button", new() { HasText = "Console" }).ClickAsync();
        await Assertions.Expect(page.Locator(".log-line")).ToHaveCountAsync(40);
        await Assertions.Expect(page.Locator(".log-line.stderr")).ToHaveCountAsync(4);
        await page.Locator(".log-search").FillAsync("gradient norm 19");
        await Assertions.Expect(page.Locator(".log-line")).ToHaveCountAsync(1);
        await page.Locator(".log-search").FillAsync("");
        await Assertions.Expect(page.Locator(".log-line")).ToHaveCountAsync(40);
        await watched.ScreenshotAsync("run-console");

        await page.Locator(".tabs button", new() { HasText = "Files" }).ClickAsync();
        var link = page.Locator(".files a", new() { HasText = "config.yaml" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", $"/files/{fixture.Entity}/{DashboardHostFixture.Project}/alpha/config.yaml");

        await page.Locator(".tabs button", new() { HasText = "Charts" }).ClickAsync();
        await Assertions.Expect(Chart(page, "train/loss").Locator("canvas")).ToBeVisibleAsync();
        Assert.Equal(["resnet-small"], await HoverRunsAsync(page, "train/loss"));
        var heatmap = Chart(page, "train/grads").Locator("canvas.heatmap");
        await heatmap.ScrollIntoViewIfNeededAsync();
        await heatmap.HoverAsync(new() { Position = new() { X = 5, Y = 20 } });
        await Assertions.Expect(Chart(page, "train/grads").Locator(".heatmap-info")).ToContainTextAsync("step 0");
        await page.Locator("details.section[data-section=\"system\"]").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator(".system-card[data-key=\"system.gpu.0.gpu\"] canvas")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("run-charts");

        await page.Locator(".tabs button", new() { HasText = "System" }).ClickAsync();
        await Assertions.Expect(page.Locator(".system-card")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".system-card[data-key=\"system.cpu\"] canvas")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("run-system");
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Stop_button_reaches_the_running_client()
    {
        var project = "stoppable-" + Guid.NewGuid().ToString("N")[..6];
        var run = new WandbRun(fixture.Host, project, "busy");
        await run.CreateAsync("busy-run");
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(20, 1));

        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync($"/{run.Entity}/{project}/runs/busy");
        await page.Locator("button.stop-run").ClickAsync(); // the confirmation is accepted
        await Assertions.Expect(page.Locator("button.stop-run")).ToHaveTextAsync("Stop requested");
        var answer = await run.PostAsync(new() { ["files"] = new System.Text.Json.Nodes.JsonObject() });
        Assert.True(answer["stopped"]!.GetValue<bool>());
        await run.FinishAsync();
        watched.AssertCleanAndLocal();
    }

    [Fact]
    public async Task Sql_console_shows_rows_and_refuses_writes()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync("/sql");
        var editor = page.Locator("textarea.sql-editor");
        await editor.FillAsync("SELECT r.name, r.state FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.name = 'vision' ORDER BY r.name");
        await editor.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".sql-table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".sql-table tbody tr").First).ToContainTextAsync("alpha");
        await Assertions.Expect(page.Locator(".sql-status")).ToContainTextAsync("3 rows");
        await watched.ScreenshotAsync("sql");

        await editor.FillAsync("DELETE FROM runs");
        await page.Locator("button.run-sql").ClickAsync();
        await Assertions.Expect(page.Locator(".sql-status")).ToContainTextAsync("read-only");
        await watched.ScreenshotAsync("sql-refused");
        watched.AssertCleanAndLocal(expectedFailures: "/api/sql"); // chromium logs the provoked 400 as a failed load
    }

    [Fact]
    public async Task GraphQL_playground_loads_offline_and_runs_a_query()
    {
        await using var watched = await WatchedPage.OpenAsync(browser, fixture.Host);
        var page = watched.Page;
        await page.GotoAsync("/playground");
        await Assertions.Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync();
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/graphql", StringComparison.Ordinal) && r.Request.PostData!.Contains("Projects", StringComparison.Ordinal));
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var body = await (await answer).TextAsync();
        Assert.True(body.Contains($"\"entity\":\"{fixture.Entity}\"", StringComparison.Ordinal) && body.Contains("runCount", StringComparison.Ordinal), body);
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("runCount");
        await watched.ScreenshotAsync("playground");
        watched.AssertCleanAndLocal();
    }
}
