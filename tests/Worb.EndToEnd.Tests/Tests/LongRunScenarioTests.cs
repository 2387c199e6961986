using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Json;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// The spine's "done when", driven the way the Python SDK drives the server (its request shapes, 500-line chunks,
/// a summary line with every chunk): a 10,000-step run with several metrics, histograms, console output, system
/// metrics and an uploaded file; then everything is read back through the public API's queries.
/// </summary>
public sealed class LongRunScenarioTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    private const int Steps = 10_000;
    private const int ChunkLines = 500;
    private const int HistogramEvery = 500;

    [Fact]
    public async Task Ten_thousand_steps_read_back_exactly_through_the_public_api()
    {
        var session = new ClientSession(fixture.Host, "long-run", ClientSession.NewRunId());
        const string config = """{"lr": {"desc": null, "value": 0.001}, "layers": {"desc": null, "value": [64, 64]}, "_wandb": {"desc": null, "value": {"cli_version": "0.17.9", "t": {"1": [1]}}}}""";
        await session.CreateRunAsync(displayName: "long", configJson: config);

        var lines = Enumerable.Range(0, Steps).Select(HistoryLine).ToList();
        string summary = "{}";
        for (var offset = 0; offset < Steps; offset += ChunkLines)
        {
            var chunk = lines.GetRange(offset, ChunkLines);
            summary = $"{{\"loss\": {Loss(offset + ChunkLines - 1)}, \"_step\": {offset + ChunkLines - 1}, \"best\": {{\"min\": 0.1}}}}";
            await session.PostCheckedAsync(new JsonObject
            {
                ["files"] = new JsonObject
                {
                    ["wandb-history.jsonl"] = Chunk(offset, chunk),
                    ["wandb-summary.json"] = Chunk(0, [summary]),
                    ["wandb-events.jsonl"] = Chunk(offset / ChunkLines, [$"{{\"system.cpu\": {offset % 97}.5, \"_wandb\": true, \"_runtime\": {offset}}}"]),
                },
                ["dropped"] = 0,
            });
        }
        // Console: stdout, a stderr line, and a progress line the client rewrites in place.
        await session.PostLinesAsync("output.log", 0, ["2026-11-29T10:00:00.000001 epoch 1\n", "ERROR 2026-11-29T10:00:00.000002 warning: slow\n", "2026-11-29T10:00:00.000003 progress 50%\n"]);
        await session.PostLinesAsync("output.log", 2, ["2026-11-29T10:00:00.000004 progress 100%\n"]);
        var uploaded = Encoding.UTF8.GetBytes("wandb_version: 1\nlr:\n  value: 0.001\n");
        await UploadAsync(session, "config.yaml", uploaded);
        await session.FinishAsync(0);

        var api = new PublicApi(fixture.Host);
        var run = await api.RunAsync(session.Entity, session.Project, session.RunName) ?? throw new GraphQlException("run not found");
        Assert.Equal("finished", RunExpectations.Text(run["state"]));
        Assert.Equal("long", RunExpectations.Text(run["displayName"]));
        Assert.Null(LenientComparer.FindDifference(LenientJson.Parse(config), LenientJson.Parse(RunExpectations.Text(run["config"])!)));
        Assert.Null(LenientComparer.FindDifference(LenientJson.Parse(summary), LenientJson.Parse(RunExpectations.Text(run["summaryMetrics"])!)));
        Assert.Equal(Steps, run["historyLineCount"]?.GetValue<int>());
        Assert.Contains("\"system.cpu\"", RunExpectations.Text(run["systemMetrics"]));

        // scan_history(): every row, string-equal, in step order.
        Assert.Equal(lines, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName));

        // history(samples=500): 500 of the logged rows, in order, the first and the last among them.
        var sampled = await api.FullHistoryAsync(session.Entity, session.Project, session.RunName, samples: 500);
        Assert.Equal(500, sampled.Count);
        Assert.Equal(lines[0], sampled[0]);
        Assert.Equal(lines[^1], sampled[^1]);
        Assert.True(IsOrderedSubset(sampled, lines), "sampled rows must be logged rows, in step order");

        // scan_history(keys=["loss"]): one row per step with exactly that value.
        var losses = await api.SampledHistoryPageAsync(session.Entity, session.Project, session.RunName, ["loss"], 0, Steps, Steps);
        Assert.Equal(Steps, losses.Count);
        Assert.All(losses.Select((row, step) => (row, step)), pair =>
            Assert.Equal(Loss(pair.step), pair.row["loss"]!.ToJsonString()));

        // The histograms are there as histograms, one per HistogramEvery steps.
        var keys = await api.HistoryKeysAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(Steps - 1, keys["lastStep"]?.GetValue<long>());
        var histogramCounts = keys["keys"]?["weights"]?["typeCounts"] as JsonArray;
        Assert.Equal("histogram", histogramCounts?[0]?["type"]?.GetValue<string>());
        Assert.Equal(Steps / HistogramEvery, histogramCounts?[0]?["count"]?.GetValue<int>());

        // The uploaded file downloads byte for byte.
        var file = (await api.FilesAsync(session.Entity, session.Project, session.RunName)).Single(f => RunExpectations.Text(f["name"]) == "config.yaml");
        Assert.Equal(uploaded, await api.DownloadAsync(RunExpectations.Text(file["url"])!));
    }

    [Fact]
    public async Task A_failed_run_and_a_resumed_run_read_back_as_the_client_left_them()
    {
        var failed = new ClientSession(fixture.Host, "long-run", ClientSession.NewRunId());
        await failed.CreateRunAsync();
        await failed.PostLinesAsync("wandb-history.jsonl", 0, [HistoryLine(0), HistoryLine(1)]);
        await failed.PostLinesAsync("output.log", 0, ["ERROR Traceback (most recent call last):\n", "ERROR RuntimeError: boom\n"]);
        await failed.FinishAsync(1);

        var resumed = new ClientSession(fixture.Host, "long-run", ClientSession.NewRunId());
        const string config = """{"lr": {"desc": null, "value": 0.1}, "_wandb": {"desc": null, "value": {"t": {"1": [1]}}}}""";
        await resumed.CreateRunAsync(configJson: config);
        await resumed.PostLinesAsync("wandb-history.jsonl", 0, Enumerable.Range(0, 100).Select(HistoryLine).ToList());
        await resumed.FinishAsync(0);

        // What the SDK asks before resuming decides where it continues.
        var api = new PublicApi(fixture.Host);
        var status = await api.ResumeStatusAsync(null, resumed.Project, resumed.RunName) ?? throw new GraphQlException("no bucket");
        Assert.Equal(100, status["historyLineCount"]?.GetValue<int>());
        var tail = JsonNode.Parse(RunExpectations.Text(status["historyTail"])!)!.AsArray();
        Assert.Equal(HistoryLine(99), tail[^1]!.GetValue<string>());
        Assert.Contains("\"t\"", RunExpectations.Text(status["wandbConfig"]));

        await resumed.CreateRunAsync(configJson: config);
        await resumed.PostLinesAsync("wandb-history.jsonl", 100, Enumerable.Range(100, 100).Select(HistoryLine).ToList());
        await resumed.FinishAsync(0);

        var failedRun = await api.RunAsync(failed.Entity, failed.Project, failed.RunName);
        Assert.Equal("failed", RunExpectations.Text(failedRun?["state"]));
        var resumedRun = await api.RunAsync(resumed.Entity, resumed.Project, resumed.RunName);
        Assert.Equal("finished", RunExpectations.Text(resumedRun?["state"]));
        Assert.Equal(Enumerable.Range(0, 200).Select(HistoryLine), await api.ScanHistoryAsync(resumed.Entity, resumed.Project, resumed.RunName));
    }

    private static string HistoryLine(int step)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{{\"loss\": {Loss(step)}, \"acc\": {(step / (double)Steps).ToString("R", CultureInfo.InvariantCulture)}");
        builder.Append(CultureInfo.InvariantCulture, $", \"train/lr\": 0.001, \"epoch\": {step / 1000}");
        if (step % HistogramEvery == 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $", \"weights\": {{\"_type\": \"histogram\", \"values\": [1, {step % 7}, 3], \"bins\": [0, 0.5, 1.0, 1.5]}}");
        }
        builder.Append(CultureInfo.InvariantCulture, $", \"_timestamp\": {1795956000 + step}.25, \"_runtime\": {step}.5, \"_step\": {step}}}");
        return builder.ToString();
    }

    private static string Loss(int step) => (1.0 / (step + 1)).ToString("R", CultureInfo.InvariantCulture);

    private static JsonObject Chunk(long offset, IEnumerable<string> lines) => new()
    {
        ["offset"] = offset,
        ["content"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    private static bool IsOrderedSubset(List<string> subset, List<string> all)
    {
        var i = 0;
        foreach (var line in all)
        {
            if (i < subset.Count && subset[i] == line)
            {
                i++;
            }
        }
        return i == subset.Count;
    }

    private async Task UploadAsync(ClientSession session, string name, byte[] bytes)
    {
        var answer = await new GraphQlClient(fixture.Host).QueryAsync(WandbQueries.CreateRunFiles, new JsonObject
        {
            ["entity"] = session.Entity,
            ["project"] = session.Project,
            ["run"] = session.RunName,
            ["files"] = new JsonArray(name),
        });
        var url = answer["createRunFiles"]?["files"]?[0]?["uploadUrl"]?.GetValue<string>() ?? throw new GraphQlException("no uploadUrl");
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
        using var response = await fixture.Host.HttpClient.SendAsync(put); // no Authorization, like the SDK
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode}");
    }
}
