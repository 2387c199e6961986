using Microsoft.Playwright;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// A page in a fresh browser context that records every request URL, console error and page error, so a test can
/// assert that nothing left the server and nothing went wrong, and saves named screenshots.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly Uri _baseUrl;
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];
    private readonly Lock _lock = new();

    private WatchedPage(IBrowserContext context, IPage page, Uri baseUrl)
    {
        _context = context;
        Page = page;
        _baseUrl = baseUrl;
        context.Request += (_, request) => Record(_requests, request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record(_errors, $"console: {message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => Record(_errors, $"page error: {error}");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<WatchedPage> OpenAsync(BrowserFixture browser, WorbHostProcess host)
    {
        var context = await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            BaseURL = host.BaseUrl.ToString(),
        });
        context.SetDefaultTimeout(20_000);
        return new WatchedPage(context, await context.NewPageAsync(), host.BaseUrl);
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = false });

    /// <summary>History requests the page made so far, parsed.</summary>
    public IReadOnlyList<Uri> HistoryRequests() =>
        Requests.Select(u => new Uri(u)).Where(u => u.AbsolutePath == "/api/history").ToList();

    /// <summary>
    /// Every request went to this server (data: and blob: URLs are not requests to anywhere), and no error was logged
    /// but the failed loads of <paramref name="expectedFailures"/> (e.g. a 400 the test provoked on purpose).
    /// </summary>
    public void AssertCleanAndLocal(params string[] expectedFailures)
    {
        string[] errors;
        lock (_lock)
        {
            errors = [.. _errors.Where(e => !expectedFailures.Any(path => e.Contains("Failed to load resource", StringComparison.Ordinal)
                && e.Contains(path, StringComparison.Ordinal)))];
        }
        Assert.True(errors.Length == 0, "errors in the page:\n" + string.Join("\n", errors));
        var outside = Requests.Where(u => !u.StartsWith(_baseUrl.ToString(), StringComparison.Ordinal)
            && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the server:\n" + string.Join("\n", outside));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(List<string> list, string item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }
}
