namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>One host shared by the tests of a class (xunit <c>IClassFixture</c>).</summary>
public class WorbHostFixture : IAsyncLifetime
{
    private WorbHostProcess? _host;

    public WorbHostProcess Host => _host ?? throw new InvalidOperationException("The host fixture is not initialised.");

    /// <summary>Extra command-line flags for the host; derived fixtures override this.</summary>
    protected virtual IReadOnlyList<string> ExtraArguments => [];

    public async Task InitializeAsync() => _host = await WorbHostProcess.StartAsync(ExtraArguments);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
