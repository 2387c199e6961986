using System.Diagnostics;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>Settings the server must refuse to start with, exiting non-zero with a message that says why.</summary>
public sealed class StartupPolicyTests
{
    [Theory]
    [InlineData(new[] { "--host", "0.0.0.0" }, "without an API key")]
    [InlineData(new[] { "--api-keys-file", "/nonexistent/worb-keys.txt" }, "API keys file")]
    [InlineData(new[] { "--port", "not-a-number" }, "Invalid setting")]
    public async Task Refuses_to_start_and_says_why(string[] arguments, string expectedMessage)
    {
        var data = Path.Combine(Path.GetTempPath(), "worb-e2e-refuse-" + Guid.NewGuid().ToString("N")[..8]);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryLayout.Current.HostAssembly);
        foreach (var argument in new[] { "--port", "0", "--data", data }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("WORB_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
        Assert.NotEqual(0, process.ExitCode);
        var message = await stderr;
        Assert.Contains(expectedMessage, message, StringComparison.Ordinal);
        Assert.DoesNotContain("WANDB_BASE_URL", await stdout, StringComparison.Ordinal);
    }
}
