using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Json;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>The real npm client, <c>@wandb/sdk</c> 0.5.1 (tests/npm-client), run with Node against the host.</summary>
public sealed partial class NpmClientTests(WorbHostFixture fixture, ITestOutputHelper output) : IClassFixture<WorbHostFixture>
{
    private const int Steps = 40;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Npm_sdk_run_reads_back_with_config_history_and_state()
    {
        var directory = RepositoryLayout.Current.NpmClientDirectory;
        await EnsureInstalledAsync(directory);

        var project = "p-npm-" + ClientSession.NewRunId();
        var name = "npm-run-" + ClientSession.NewRunId();
        var environment = new Dictionary<string, string>
        {
            ["WANDB_BASE_URL"] = fixture.Host.BaseUrl.ToString().TrimEnd('/'),
            ["WANDB_API_KEY"] = TestCredentials.ApiKey,
            ["WANDB_MODE"] = "online",
            ["WORB_NPM_PROJECT"] = project,
            ["WORB_NPM_NAME"] = name,
            ["WORB_NPM_STEPS"] = Steps.ToString(CultureInfo.InvariantCulture),
            ["WORB_NPM_CONFIG"] = "{\"lr\":0.1,\"optimizer\":\"sgd\",\"layers\":[64,32],\"nested\":{\"a\":1}}",
            ["WORB_NPM_WAIT_MS"] = "2500",
        };
        var (exitCode, stdout, stderr) = await RunAsync("node", ["run.mjs"], directory, environment, ClientTimeout);
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"node run.mjs exited {exitCode}\nstdout: {stdout}\nstderr: {stderr}\nhost: {fixture.Host.CapturedOutput}");
        var runId = RunLine().Match(stdout) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no RUN line in {stdout}");
        Assert.Contains("FINISHED " + runId, stdout);

        var api = new PublicApi(fixture.Host);
        var entity = (await api.GraphQl.QueryAsync("query Viewer {\n  viewer {\n    id\n    entity\n  }\n}\n"))["viewer"]?["entity"]?.GetValue<string>()!;
        var run = await api.RunAsync(entity, project, runId);
        Assert.NotNull(run);
        Assert.Equal(name, RunExpectations.Text(run["displayName"]));
        Assert.Equal("finished", RunExpectations.Text(run["state"]));

        // Config arrives in the plain form ({"lr":0.1}); read back it is the same dict.
        RunExpectations.AssertSame(
            RunConfig.Plain(environment["WORB_NPM_CONFIG"]),
            RunConfig.Plain(RunExpectations.Text(run["config"]) ?? "{}"),
            "npm config");

        // Every step once, in order: Steps logged rows plus the merged explicit-step row.
        var lines = await api.ScanHistoryAsync(entity, project, runId);
        Assert.Equal(Steps + 1, lines.Count);
        for (var i = 0; i < Steps; i++)
        {
            var row = LenientJson.ParseObject(lines[i]);
            Assert.Equal(i, (long)((LenientNumber)row["_step"]!).AsBigInteger());
            Assert.Equal(1.0 / (i + 1), ((LenientNumber)row["loss"]!).AsDouble());
            Assert.Equal((double)i / Steps, ((LenientNumber)row["acc"]!).AsDouble());
        }
        var last = LenientJson.ParseObject(lines[Steps]);
        Assert.Equal(Steps, (long)((LenientNumber)last["_step"]!).AsBigInteger());
        Assert.Equal(0.001, ((LenientNumber)last["loss"]!).AsDouble());
        Assert.Equal(1.0, ((LenientNumber)last["acc"]!).AsDouble());
        Assert.Equal(Steps + 1, run["historyLineCount"]?.GetValue<long>());

        var summary = LenientJson.ParseObject(RunExpectations.Text(run["summaryMetrics"]) ?? "{}");
        Assert.Equal(0.001, ((LenientNumber)summary["loss"]!).AsDouble());
        Assert.Equal(1.0, ((LenientNumber)summary["acc"]!).AsDouble());
    }

    private async Task EnsureInstalledAsync(string directory)
    {
        if (File.Exists(Path.Combine(directory, "node_modules", "@wandb", "sdk", "package.json")))
        {
            return;
        }
        (int ExitCode, string Stdout, string Stderr) install;
        try
        {
            install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            install = (-1, "", e.Message);
        }
        if (install.ExitCode != 0)
        {
            throw Xunit.Sdk.SkipException.ForSkip($"tests/npm-client/node_modules is missing and `npm ci` failed ({install.ExitCode}): {install.Stderr}");
        }
        output.WriteLine("npm ci: " + install.Stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = process.StandardOutput.ReadToEndAsync().ContinueWith(t => stdout.Append(t.Result), TaskScheduler.Default);
        var readErr = process.StandardError.ReadToEndAsync().ContinueWith(t => stderr.Append(t.Result), TaskScheduler.Default);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAll(readOut, readErr);
            return (-1, stdout.ToString(), stderr + $"\n(killed after {timeout})");
        }
        await Task.WhenAll(readOut, readErr);
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex(@"^RUN (\S+)", RegexOptions.Multiline)]
    private static partial Regex RunLine();
}
