using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Api;

/// <summary>Histograms, system metrics, console log and files of one run.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RunDataApiTests(DashboardHostFixture fixture)
{
    private readonly DashboardApi _api = new(fixture.Host);

    private string RunPath(string run = "alpha") => $"/api/runs/{fixture.Entity}/{DashboardHostFixture.Project}/{run}";

    [Fact]
    public async Task Histograms_come_per_step_with_bins_and_values_bounded_in_number()
    {
        var all = await _api.GetLinesAsync(RunPath() + "/histograms?key=train/grads");
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i * 100), all.Select(h => h["step"]!.GetValue<long>()));
        var first = all[0]["histogram"]!;
        Assert.Equal("histogram", first["_type"]!.GetValue<string>());
        Assert.Equal(9, first["bins"]!.AsArray().Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], DashboardApi.Doubles(first["values"]));

        var few = await _api.GetLinesAsync(RunPath() + "/histograms?key=train/grads&steps=4");
        Assert.InRange(few.Count, 1, 4);
        Assert.Equal(2900, few[^1]["step"]!.GetValue<long>());
        Assert.Equal(400, (await _api.GetAsync(RunPath() + "/histograms")).Status);
    }

    [Fact]
    public async Task System_metrics_are_series_over_runtime_bounded_by_buckets()
    {
        var series = (await _api.GetLinesAsync(RunPath() + "/system?buckets=20")).ToDictionary(s => s["key"]!.GetValue<string>());
        Assert.Equal(["system.cpu", "system.gpu.0.gpu", "system.memory", "system.network.sent"], series.Keys.Order());
        var memory = series["system.memory"];
        var x = DashboardApi.Doubles(memory["x"]);
        Assert.Equal(20, x.Length);
        Assert.Equal(590, x[^1]); // the last sample's _runtime
        Assert.Equal(40 + 59 * 0.1, DashboardApi.Doubles(memory["y"])[^1], 9);
        Assert.Equal(60, DashboardApi.Doubles((await _api.GetLinesAsync(RunPath() + "/system?buckets=1000"))[0]["x"]).Length);
    }

    [Fact]
    public async Task Console_lines_follow_a_cursor_mark_stderr_and_can_be_searched()
    {
        var all = await _api.GetLinesAsync(RunPath() + "/logs");
        Assert.Equal(40, all.Count);
        Assert.Equal(1, all[9]["stream"]!.GetValue<int>());
        Assert.Equal("warning: gradient norm 9 is large", all[9]["text"]!.GetValue<string>());
        Assert.Equal(0, all[0]["stream"]!.GetValue<int>());

        var after = await _api.GetLinesAsync(RunPath() + "/logs?after=35");
        Assert.Equal([36L, 37, 38, 39], after.Select(l => l["line"]!.GetValue<long>()));

        var page = await _api.GetLinesAsync(RunPath() + "/logs?limit=5");
        Assert.Equal(5, page.Count);

        var warnings = await _api.GetLinesAsync(RunPath() + "/logs?q=GRADIENT");
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, l => Assert.Equal(1, l["stream"]!.GetValue<int>()));
        Assert.Equal(400, (await _api.GetAsync(RunPath() + "/logs?limit=0")).Status);
    }

    [Fact]
    public async Task Files_are_listed_with_a_download_url()
    {
        var files = (await _api.GetJsonAsync(RunPath() + "/files")).AsArray();
        var config = Assert.Single(files)!;
        Assert.Equal("config.yaml", config["name"]!.GetValue<string>());
        Assert.Equal(24, config["size"]!.GetValue<long>());
        var (status, body) = await _api.GetAsync(config["url"]!.GetValue<string>());
        Assert.Equal(200, status);
        Assert.Equal("lr: 0.01\nbatch_size: 64\n", body);
        Assert.Empty((await _api.GetJsonAsync(RunPath("gamma") + "/files")).AsArray());
    }
}
