namespace Worb.Browser.Tests.Api;

/// <summary>A running run whose client went silent past the heartbeat timeout is shown as crashed, not running.</summary>
public sealed class SilentRunApiTests
{
    [Fact]
    public async Task A_silent_running_run_is_shown_crashed_and_not_counted_as_running()
    {
        await using var host = await WorbHostProcess.StartAsync(["--heartbeat-timeout-seconds", "1"]);
        var run = new WandbRun(host, "quiet", "silent");
        await run.CreateAsync();
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(5, 1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var api = new DashboardApi(host);
        var project = Assert.Single((await api.GetJsonAsync("/api/projects")).AsArray())!;
        Assert.Equal(1, project["runCount"]!.GetValue<long>());
        Assert.Equal(0, project["runningCount"]!.GetValue<long>());
        var shown = Assert.Single((await api.GetJsonAsync($"/api/projects/{run.Entity}/quiet/runs")).AsArray())!;
        Assert.Equal("crashed", shown["state"]!.GetValue<string>());
        Assert.Equal("crashed", (await api.GetJsonAsync($"/api/runs/{run.Entity}/quiet/silent"))["state"]!.GetValue<string>());
    }
}
