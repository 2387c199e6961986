namespace Worb.Browser.Tests.Api;

/// <summary>Stopping a running run reaches its client; deleting a run or project removes every row of it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class StopAndDeleteApiTests(DashboardHostFixture fixture)
{
    private readonly DashboardApi _api = new(fixture.Host);
    private readonly string _project = "doomed-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<WandbRun> RunAsync(string name)
    {
        var run = new WandbRun(fixture.Host, _project, name);
        await run.CreateAsync(configJson: """{"lr": {"value": 0.5}}""");
        await run.AppendAsync("wandb-history.jsonl", SampleRuns.History(300, 1));
        await run.AppendAsync("wandb-events.jsonl", SampleRuns.Events(5));
        await run.AppendAsync("output.log", SampleRuns.Console(12));
        await run.UploadAsync("notes.txt", "hello"u8.ToArray());
        return run;
    }

    private async Task<long> CountRowsAsync(string table, string run)
    {
        var (_, lines, body) = await _api.SqlAsync(
            $"SELECT COUNT(*) FROM {table} t JOIN runs r ON r.id = t.run_id JOIN projects p ON p.id = r.project_id WHERE p.name = '{_project}' AND r.name = '{run}'");
        Assert.True(lines.Count > 1, body);
        return lines[1]![0]!.GetValue<long>();
    }

    private async Task<long> CountOrphansAsync() =>
        (await _api.SqlAsync("""
            SELECT (SELECT COUNT(*) FROM history WHERE run_id NOT IN (SELECT id FROM runs))
                 + (SELECT COUNT(*) FROM history_lines WHERE run_id NOT IN (SELECT id FROM runs))
                 + (SELECT COUNT(*) FROM events_lines WHERE run_id NOT IN (SELECT id FROM runs))
                 + (SELECT COUNT(*) FROM log_lines WHERE run_id NOT IN (SELECT id FROM runs))
                 + (SELECT COUNT(*) FROM run_files WHERE run_id NOT IN (SELECT id FROM runs))
            """)).Lines[1]![0]!.GetValue<long>();

    [Fact]
    public async Task Stopping_a_running_run_tells_its_client_through_file_stream()
    {
        var run = await RunAsync("victim");
        Assert.False(((await run.PostAsync(new() { ["files"] = new System.Text.Json.Nodes.JsonObject() }))["stopped"]?.GetValue<bool>()) ?? false);
        var (status, body) = await _api.SendAsync(HttpMethod.Post, $"/api/runs/{run.Entity}/{_project}/victim/stop");
        Assert.True(status == 200, body);
        var answer = await run.PostAsync(new() { ["files"] = new System.Text.Json.Nodes.JsonObject() });
        Assert.True(answer["stopped"]!.GetValue<bool>(), answer.ToJsonString());

        await run.FinishAsync();
        Assert.Equal(409, (await _api.SendAsync(HttpMethod.Post, $"/api/runs/{run.Entity}/{_project}/victim/stop")).Status);
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Post, $"/api/runs/{run.Entity}/{_project}/nobody/stop")).Status);
    }

    [Fact]
    public async Task Deleting_a_run_removes_its_rows_and_refuses_its_later_chunks()
    {
        var doomed = await RunAsync("doomed");
        var kept = await RunAsync("kept");
        Assert.Equal(300, await CountRowsAsync("history_lines", "doomed"));

        var (status, body) = await _api.SendAsync(HttpMethod.Delete, $"/api/runs/{doomed.Entity}/{_project}/doomed");
        Assert.True(status == 200, body);
        Assert.Equal(404, (await _api.GetAsync($"/api/runs/{doomed.Entity}/{_project}/doomed")).Status);
        Assert.Equal(0, await CountOrphansAsync());
        Assert.Equal(300, await CountRowsAsync("history_lines", "kept"));
        Assert.Equal(1, await CountRowsAsync("run_files", "kept"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => doomed.AppendAsync("wandb-history.jsonl", ["{\"_step\": 1000}"]));
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Delete, $"/api/runs/{doomed.Entity}/{_project}/doomed")).Status);
        await kept.FinishAsync();
    }

    [Fact]
    public async Task Deleting_a_project_removes_it_with_all_its_runs()
    {
        var first = await RunAsync("one");
        await RunAsync("two");
        var (status, body) = await _api.SendAsync(HttpMethod.Delete, $"/api/projects/{first.Entity}/{_project}");
        Assert.True(status == 200, body);
        Assert.Equal(404, (await _api.GetAsync($"/api/projects/{first.Entity}/{_project}/runs")).Status);
        Assert.DoesNotContain((await _api.GetJsonAsync("/api/projects")).AsArray(), p => p!["name"]!.GetValue<string>() == _project);
        Assert.Equal(0, await CountOrphansAsync());
        Assert.Equal(404, (await _api.SendAsync(HttpMethod.Delete, $"/api/projects/{first.Entity}/{_project}")).Status);
    }
}
