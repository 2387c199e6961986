using Microsoft.Playwright;

namespace Worb.Browser.Tests.Browser;

/// <summary>With <c>--api-key</c>, the dashboard sits behind the login page and its API refuses callers without the key.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LoggedInDashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_dashboard_works_after_logging_in_with_the_api_key()
    {
        await using var host = await WorbHostProcess.StartAsync(["--api-key", TestCredentials.ApiKey]);
        var run = new WandbRun(host, "guarded", "secret-run");
        await run.CreateAsync("guarded-run");
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(100, 1));
        await run.FinishAsync();

        var (status, _) = await new DashboardApi(host).GetAsync("/api/projects");
        Assert.Equal(401, status);

        await using var watched = await WatchedPage.OpenAsync(browser, host);
        var page = watched.Page;
        await page.GotoAsync($"/{run.Entity}/guarded");
        await page.WaitForURLAsync("**/login**");
        await page.Locator("input[name=key]").FillAsync(TestCredentials.ApiKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/{run.Entity}/guarded");
        await Assertions.Expect(page.Locator(".run-row[data-run=\"secret-run\"]")).ToContainTextAsync("guarded-run");
        await Assertions.Expect(page.Locator(".chart-card[data-key=\"train/loss\"] canvas")).ToBeVisibleAsync();
        await watched.ScreenshotAsync("logged-in-workspace");
        // The login page (not the dashboard's) names no icon, so chromium asks for /favicon.ico before the login: 401.
        watched.AssertCleanAndLocal(expectedFailures: "/favicon.ico");
    }
}
