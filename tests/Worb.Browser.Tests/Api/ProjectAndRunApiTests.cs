using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Api;

[Collection(DashboardCollection.Name)]
public sealed class ProjectAndRunApiTests(DashboardHostFixture fixture)
{
    private readonly DashboardApi _api = new(fixture.Host);

    private string RunsPath(string query = "") => $"/api/projects/{fixture.Entity}/{DashboardHostFixture.Project}/runs{query}";

    [Fact]
    public async Task Projects_list_run_counts_and_last_activity()
    {
        var projects = (await _api.GetJsonAsync("/api/projects")).AsArray();
        var vision = projects.Single(p => p!["name"]!.GetValue<string>() == DashboardHostFixture.Project)!;
        Assert.Equal(fixture.Entity, vision["entity"]!.GetValue<string>());
        Assert.Equal(3, vision["runCount"]!.GetValue<long>());
        Assert.Equal(1, vision["runningCount"]!.GetValue<long>());
        Assert.True(vision["lastActivity"]!.GetValue<double>() >= vision["createdAt"]!.GetValue<double>());
    }

    [Fact]
    public async Task Runs_come_with_state_metadata_unwrapped_config_and_summary()
    {
        var runs = (await _api.GetJsonAsync(RunsPath())).AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.GetValue<string>());
        Assert.Equal(["alpha", "beta", "gamma"], runs.Keys.Order());
        var alpha = runs["alpha"];
        Assert.Equal("finished", alpha["state"]!.GetValue<string>());
        Assert.Equal("running", runs["beta"]["state"]!.GetValue<string>());
        Assert.Equal("failed", runs["gamma"]["state"]!.GetValue<string>());
        Assert.Equal("resnet-small", alpha["displayName"]!.GetValue<string>());
        Assert.Equal(["baseline", "gpu"], alpha["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("sweep-1", alpha["group"]!.GetValue<string>());
        Assert.Equal("train", alpha["jobType"]!.GetValue<string>());
        Assert.Equal(0.01, alpha["config"]!["lr"]!.GetValue<double>());
        Assert.Equal("adam", alpha["config"]!["optimizer"]!["name"]!.GetValue<string>());
        Assert.Equal(SampleRuns.Accuracy(DashboardHostFixture.AlphaSteps - 1), alpha["summary"]!["val/acc"]!.GetValue<double>(), 12);
        Assert.Equal((DashboardHostFixture.AlphaSteps - 1) * 0.1, alpha["runtimeSeconds"]!.GetValue<double>(), 6);
    }

    [Theory]
    [InlineData("?state=running", new[] { "beta" })]
    [InlineData("?state=finished,failed", new[] { "alpha", "gamma" })]
    [InlineData("?tag=gpu", new[] { "alpha", "beta" })]
    [InlineData("?q=CNN", new[] { "gamma" })]
    [InlineData("?config=lr:0.001", new[] { "beta" })]
    [InlineData("?config=batch_size:64&tag=gpu", new[] { "alpha" })]
    public async Task Runs_filter_by_state_tag_text_and_config(string query, string[] expected)
    {
        var names = (await _api.GetJsonAsync(RunsPath(query))).AsArray().Select(r => r!["name"]!.GetValue<string>()).Order();
        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("?sort=config.lr&order=asc", new[] { "beta", "alpha", "gamma" })]
    [InlineData("?sort=config.batch_size&order=desc", new[] { "beta", "alpha", "gamma" })]
    [InlineData("?sort=name&order=asc", new[] { "beta", "alpha", "gamma" })] // by display name: resnet-big, resnet-small, tiny-cnn
    [InlineData("?sort=summary.val/acc&order=desc", new[] { "alpha", "gamma", "beta" })] // beta has no summary: last
    [InlineData("?sort=summary.val/acc&order=asc", new[] { "gamma", "alpha", "beta" })]
    public async Task Runs_sort_by_any_column(string query, string[] expectedPrefix)
    {
        var names = (await _api.GetJsonAsync(RunsPath(query))).AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(expectedPrefix, names.Take(expectedPrefix.Length));
    }

    [Theory]
    [InlineData("?sort=bogus")]
    [InlineData("?order=sideways")]
    [InlineData("?config=nocolon")]
    public async Task Bad_run_queries_get_400_with_a_message(string query)
    {
        var (status, body) = await _api.GetAsync(RunsPath(query));
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_project_and_run_get_404()
    {
        Assert.Equal(404, (await _api.GetAsync($"/api/projects/{fixture.Entity}/nope/runs")).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/runs/{fixture.Entity}/{DashboardHostFixture.Project}/nope")).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/runs/{fixture.Entity}/{DashboardHostFixture.Project}/nope/logs")).Status);
    }

    [Fact]
    public async Task One_run_has_host_program_notes_and_counts()
    {
        var alpha = await _api.GetJsonAsync($"/api/runs/{fixture.Entity}/{DashboardHostFixture.Project}/alpha");
        Assert.Equal("browser-test-host", alpha["host"]!.GetValue<string>());
        Assert.Equal("train.py", alpha["program"]!.GetValue<string>());
        Assert.Equal("first try", alpha["notes"]!.GetValue<string>());
        Assert.Equal(DashboardHostFixture.AlphaSteps, alpha["historyLineCount"]!.GetValue<long>());
        Assert.Equal(40, alpha["logLineCount"]!.GetValue<long>());
        Assert.Equal(0, alpha["exitCode"]!.GetValue<long>());
    }
}
