using Microsoft.Playwright;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, installed by .ci/run) driven headless by Playwright; Playwright never
/// downloads a browser of its own. One browser for the collection, started by the first browser test (the API tests
/// of the collection don't need it), a fresh context per test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the tests' screenshots go (kept as test output).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<IBrowser> GetBrowserAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _browser ??= await LaunchAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run does).");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        // CI runs the test assemblies side by side on two cores: give expectations more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _starting.Dispose();
    }
}
