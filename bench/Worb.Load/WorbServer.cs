using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Worb.Load;

/// <summary>
/// The Release build of Worb.Host as a child process on a fresh data folder:
/// <c>dotnet Worb.Host.dll --host 127.0.0.1 --port 0 --data &lt;temp&gt;</c>. Start-up is timed from launching the
/// process to the first 200 answer.
/// </summary>
public sealed partial class WorbServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private WorbServer(Process process, string data, Uri baseUrl, TimeSpan startup)
    {
        _process = process;
        _data = data;
        BaseUrl = baseUrl;
        Startup = startup;
    }

    public Uri BaseUrl { get; }

    public TimeSpan Startup { get; }

    public int ProcessId => _process.Id;

    public static async Task<WorbServer> StartAsync(string hostDll, HttpClient http, CancellationToken cancellationToken)
    {
        var data = Path.Combine(Path.GetTempPath(), "worb-load-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(data);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hostDll, "--host", "127.0.0.1", "--port", "0", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && BaseUrlLine().Match(line) is { Success: true } match)
            {
                url.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("[worb] " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUrl = await url.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            for (var attempt = 0; ; attempt++)
            {
                using var answer = await http.GetAsync(baseUrl, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    break;
                }
                if (attempt > 1000)
                {
                    throw new InvalidOperationException($"Worb answers {answer.StatusCode}");
                }
                await Task.Delay(5, cancellationToken);
            }
            return new WorbServer(process, data, baseUrl, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Resident set size of the server process (VmRSS), in bytes.</summary>
    /// <summary>CPU time the server has used so far (all threads, user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"WANDB_BASE_URL=(\S+)")]
    private static partial Regex BaseUrlLine();
}
