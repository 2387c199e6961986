using System.Globalization;
using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Api;

/// <summary>The multi-run history endpoint's bucketing, on data whose buckets are known exactly.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HistoryApiTests(DashboardHostFixture fixture) : IAsyncLifetime
{
    private const int Steps = 1000;
    private readonly DashboardApi _api = new(fixture.Host);
    private readonly string _project = "exact-" + Guid.NewGuid().ToString("N")[..8];
    private string _entity = "";

    /// <summary>A scrambled but known value per step, so every bucket has a different min, max and last value.</summary>
    private static double Value(long step) => (step * 7919 % 1000) / 10.0;

    public async Task InitializeAsync()
    {
        var run = new WandbRun(fixture.Host, _project, "known");
        await run.CreateAsync();
        var lines = Enumerable.Range(0, Steps).Select(step => step == 500
            ? $"{{\"y\": NaN, \"z\": \"text\", \"_step\": {step}, \"_runtime\": {step * 0.5}}}"
            : $"{{\"y\": {Value(step).ToString("R", CultureInfo.InvariantCulture)}, \"_step\": {step}, \"_runtime\": {(step * 0.5).ToString("R", CultureInfo.InvariantCulture)}}}").ToList();
        await run.AppendAsync("wandb-history.jsonl", lines);
        var second = new WandbRun(fixture.Host, _project, "short");
        await second.CreateAsync();
        await second.AppendAsync("wandb-history.jsonl", Enumerable.Range(0, 10).Select(s => $"{{\"y\": {s}, \"_step\": {s}}}").ToList());
        var infinite = new WandbRun(fixture.Host, _project, "inf");
        await infinite.CreateAsync();
        await infinite.AppendAsync("wandb-history.jsonl", Enumerable.Range(0, Steps).Select(s => s % 100 == 50
            ? $"{{\"y\": {(s % 200 == 50 ? "Infinity" : "-Infinity")}, \"_step\": {s}}}"
            : $"{{\"y\": {s}, \"_step\": {s}}}").ToList());
        _entity = run.Entity;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Url(string query) => $"/api/history?project={_entity}/{_project}&{query}";

    [Fact]
    public async Task Each_bucket_gives_its_last_value_min_max_and_count_exactly()
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url("runs=known&keys=y&buckets=10")));
        Assert.Equal("known", series["run"]!.GetValue<string>());
        var x = DashboardApi.Doubles(series["x"]);
        // Buckets are whole 64-step blocks of equal width (here 2 blocks = 128 steps): never more than asked for, at
        // least half as many; each bucket ends where the next begins.
        Assert.InRange(x.Length, 5, 10);
        const int width = 128;
        Assert.Equal((Steps + width - 1) / width, x.Length);
        for (var bucket = 0; bucket < x.Length; bucket++)
        {
            var steps = Enumerable.Range(bucket * width, width).Where(s => s < Steps && s != 500).ToList(); // step 500 is NaN: not charted
            Assert.Equal(steps.Max(), x[bucket]);
            Assert.Equal(Value(steps.Max()), DashboardApi.Doubles(series["y"])[bucket]);
            Assert.Equal(steps.Min(s => Value(s)), DashboardApi.Doubles(series["min"])[bucket]);
            Assert.Equal(steps.Max(s => Value(s)), DashboardApi.Doubles(series["max"])[bucket]);
            Assert.Equal(steps.Count, DashboardApi.Doubles(series["count"])[bucket]);
        }
        Assert.Equal(Steps - 1, series["lastStep"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_zoomed_range_over_blocks_is_exact_and_ignores_infinity()
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url("runs=inf&keys=y&buckets=3&xMin=10&xMax=700")));
        var x = DashboardApi.Doubles(series["x"]);
        var count = DashboardApi.Doubles(series["count"]);
        var steps = Enumerable.Range(10, 691).Where(s => s % 100 != 50).ToList(); // steps 50, 150, ... are ±Infinity
        Assert.Equal(steps.Count, count.Sum());
        Assert.Equal(steps.Min(s => (double)s), DashboardApi.Doubles(series["min"]).Min());
        Assert.Equal(steps.Max(s => (double)s), DashboardApi.Doubles(series["max"]).Max());
        Assert.Equal(700, x[^1]);
        Assert.Equal(700, DashboardApi.Doubles(series["y"])[^1]);
        for (var bucket = 0; bucket < x.Length; bucket++)
        {
            var after = bucket == 0 ? 9 : x[bucket - 1];
            var inBucket = steps.Where(s => s > after && s <= x[bucket]).ToList();
            Assert.Equal(inBucket.Count, count[bucket]);
            Assert.Equal(inBucket.Min(), DashboardApi.Doubles(series["min"])[bucket]);
            Assert.Equal(inBucket.Max(), DashboardApi.Doubles(series["max"])[bucket]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    [InlineData(5000)]
    public async Task Never_more_points_than_buckets_and_every_point_counted(int buckets)
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url($"runs=known&keys=y&buckets={buckets}")));
        var count = DashboardApi.Doubles(series["count"]);
        Assert.True(count.Length <= buckets, $"{count.Length} points for {buckets} buckets");
        Assert.Equal(Steps - 1, count.Sum());
    }

    [Fact]
    public async Task A_zoomed_range_is_bucketed_finer()
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url("runs=known&keys=y&buckets=20&xMin=100&xMax=119")));
        Assert.Equal(Enumerable.Range(100, 20).Select(s => (double)s), DashboardApi.Doubles(series["x"]));
        Assert.Equal(Enumerable.Range(100, 20).Select(s => Value(s)), DashboardApi.Doubles(series["y"]));
    }

    [Fact]
    public async Task Live_updates_fetch_only_steps_after_the_cursor()
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url("runs=known&keys=y&buckets=100&afterStep=990")));
        Assert.Equal(Enumerable.Range(991, 9).Select(s => (double)s), DashboardApi.Doubles(series["x"]));
    }

    [Fact]
    public async Task Another_metric_can_be_the_x_axis()
    {
        var series = Assert.Single(await _api.GetLinesAsync(Url("runs=known&keys=y&buckets=10&x=_runtime")));
        var x = DashboardApi.Doubles(series["x"]);
        Assert.True(x.Length <= 10);
        Assert.Equal(999 * 0.5, x[^1]);
        Assert.Equal(Value(999), DashboardApi.Doubles(series["y"])[^1]);
        Assert.Equal(Steps - 1, DashboardApi.Doubles(series["count"]).Sum());
    }

    [Fact]
    public async Task Several_runs_come_back_one_line_each_and_unknown_names_are_skipped()
    {
        var lines = await _api.GetLinesAsync(Url("runs=known,short,missing&keys=y,nokey&buckets=50"));
        Assert.Equal(["known", "short"], lines.Select(l => l["run"]!.GetValue<string>()));
        Assert.Equal(10, DashboardApi.Doubles(lines[1]["x"]).Length);
    }

    [Fact]
    public async Task Keys_list_what_the_runs_logged_with_its_kind()
    {
        var keys = (await _api.GetJsonAsync($"/api/keys?project={_entity}/{_project}&runs=known,short")).AsArray()
            .ToDictionary(k => k!["key"]!.GetValue<string>(), k => k!);
        Assert.Equal("number", keys["y"]["kind"]!.GetValue<string>());
        Assert.Equal(2, keys["y"]["runs"]!.GetValue<int>());
        Assert.Equal("string", keys["z"]["kind"]!.GetValue<string>());
        Assert.True(keys.ContainsKey("_runtime"));

        var vision = (await _api.GetJsonAsync($"/api/keys?project={fixture.Entity}/{DashboardHostFixture.Project}&runs=alpha")).AsArray();
        Assert.Contains(vision, k => k!["key"]!.GetValue<string>() == "train/grads" && k["kind"]!.GetValue<string>() == "histogram");
    }

    [Theory]
    [InlineData("runs=known&buckets=10")]
    [InlineData("keys=y")]
    [InlineData("runs=known&keys=y&buckets=0")]
    [InlineData("runs=known&keys=y&buckets=abc")]
    [InlineData("runs=known&keys=y&xMin=5&xMax=1")]
    public async Task Bad_history_queries_get_400_with_a_message(string query)
    {
        var (status, body) = await _api.GetAsync(Url(query));
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
        Assert.Equal(400, (await _api.GetAsync("/api/history?project=bad&runs=a&keys=y")).Status);
    }

    [Fact]
    public async Task A_long_run_ships_at_most_the_buckets_asked_for()
    {
        var lines = await _api.GetLinesAsync($"/api/history?project={fixture.Entity}/{DashboardHostFixture.Project}&runs=alpha,beta,gamma&keys=train/loss,val/acc&buckets=50");
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.InRange(DashboardApi.Doubles(l["x"]).Length, 1, 50));
    }
}
