using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Worb host as a child process: <c>dotnet Worb.Host.dll --host 127.0.0.1 --port 0 --data &lt;dir&gt;</c>.
/// It waits for the line with <c>WANDB_BASE_URL=...</c>, can stop gracefully (SIGTERM), be killed (SIGKILL) and
/// restart on the same data folder. Disposing kills it and deletes the data folder it created.
/// </summary>
public sealed partial class WorbHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const int MaxCapturedChars = 64 * 1024;

    private readonly IReadOnlyList<string> _extraArguments;
    private readonly bool _ownsDataDirectory;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;
    private Uri? _baseUrl;

    private WorbHostProcess(string dataDirectory, bool ownsDataDirectory, IReadOnlyList<string> extraArguments)
    {
        DataDir = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _extraArguments = extraArguments;
        HttpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromMinutes(3),
        };
    }

    /// <summary>The folder given as <c>--data</c>; kept across restarts.</summary>
    public string DataDir { get; }

    /// <summary>The base URL the host printed (changes on restart, since every start takes a free port).</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The host is not running.");

    /// <summary>A client without a base address or default headers; compose URLs with <see cref="Url"/>.</summary>
    public HttpClient HttpClient { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the host wrote to stdout and stderr so far (bounded), for failure messages.</summary>
    public string CapturedOutput
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>An absolute URL on the current host, e.g. <c>Url("/graphql")</c>.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>Starts a host on a fresh temporary data folder. <paramref name="extraArguments"/> are appended.</summary>
    public static async Task<WorbHostProcess> StartAsync(IReadOnlyList<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "worb-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        var host = new WorbHostProcess(dataDirectory, ownsDataDirectory: true, extraArguments ?? []);
        try
        {
            await host.LaunchAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a host on <paramref name="dataDirectory"/> (e.g. a prepared copy), which it deletes when disposed unless
    /// <paramref name="ownsDataDirectory"/> is false (several silos sharing one folder).
    /// </summary>
    public static async Task<WorbHostProcess> StartInAsync(
        string dataDirectory, IReadOnlyList<string>? extraArguments = null, CancellationToken cancellationToken = default, bool ownsDataDirectory = true)
    {
        Directory.CreateDirectory(dataDirectory);
        var host = new WorbHostProcess(dataDirectory, ownsDataDirectory, extraArguments ?? []);
        try
        {
            await host.LaunchAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks the host to shut down (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }
        PosixSignals.Terminate(process.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within {StopTimeout} of SIGTERM.\n{CapturedOutput}");
        }
        _baseUrl = null;
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash or power cut would.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);
        _baseUrl = null;
    }

    /// <summary>Starts the host again on the same data folder (stopping it gracefully first if it still runs).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process?.Dispose();
        _process = null;
        HttpClient.Dispose();
        if (_ownsDataDirectory && Directory.Exists(DataDir))
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying child; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        lock (_outputLock)
        {
            _output.Clear();
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = DataDir,
        };
        startInfo.ArgumentList.Add(RepositoryLayout.Current.HostAssembly);
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", "0", "--data", DataDir })
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var argument in _extraArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // The host reads WORB_* variables; the test decides every setting through flags only.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("WORB_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("DOTNET_URLS");

        var urlFound = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, "out", urlFound);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, "err", urlFound);
        process.Exited += (_, _) => urlFound.TrySetException(
            new InvalidOperationException($"The host exited before printing WANDB_BASE_URL.\n{CapturedOutput}"));

        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet could not be started.");
        }
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            _baseUrl = await urlFound.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host printed no WANDB_BASE_URL within {StartTimeout}.\n{CapturedOutput}");
        }

        if (!string.Equals(_baseUrl.Host, "127.0.0.1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The host announced {_baseUrl}, not a 127.0.0.1 address.");
        }
    }

    private void OnLine(string? line, string stream, TaskCompletionSource<Uri> urlFound)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            if (_output.Length < MaxCapturedChars)
            {
                _output.Append('[').Append(stream).Append("] ").AppendLine(line);
            }
        }
        var match = BaseUrlPattern().Match(line);
        if (match.Success && Uri.TryCreate(match.Groups[1].Value.TrimEnd('/') + "/", UriKind.Absolute, out var url))
        {
            urlFound.TrySetResult(url);
        }
    }

    [GeneratedRegex(@"WANDB_BASE_URL=(\S+)")]
    private static partial Regex BaseUrlPattern();
}
