using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// 06_public_api: the reads of <c>wandb.Api()</c>, replayed after the sessions they read (01 and 02). The answers are
/// checked against what 01/02 sent, not against the recording's answers.
/// </summary>
public sealed class PublicApiRecordingTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Public_api_reads_answer_with_the_replayed_runs()
    {
        var replayer = new TrafficReplayer(fixture.Host);
        var basic = await TrafficRecording.LoadAsync("01_basic");
        var full = await TrafficRecording.LoadAsync("02_full_session");
        var basicLog = await replayer.ReplayAsync(basic);
        await replayer.ReplayAsync(full);
        var runs = RecordingExpectations.Compute(basic).Concat(RecordingExpectations.Compute(full)).ToDictionary(r => r.Name);

        var publicApi = await TrafficRecording.LoadAsync("06_public_api");
        var log = await replayer.ReplayAsync(publicApi, new ReplayOptions { KnownEntity = basicLog.Entity });

        foreach (var exchange in log.Exchanges)
        {
            var data = exchange.ResponseJson!["data"]!;
            var variables = exchange.Record.Variables;
            var runName = RunExpectations.Text(variables["name"]) ?? RunExpectations.Text(variables["run"]);
            var expected = runName is null ? null : runs[runName];
            switch (exchange.Record.OperationName)
            {
                case "Viewer":
                    Assert.Equal(basicLog.Entity, RunExpectations.Text(data["viewer"]?["entity"]));
                    break;
                case "Projects":
                    var projects = (data["models"]?["edges"] as JsonArray ?? []).Select(e => RunExpectations.Text(e?["node"]?["name"])).ToList();
                    Assert.Contains("p", projects);
                    break;
                case "Runs":
                    var names = (data["project"]?["runs"]?["edges"] as JsonArray ?? []).Select(e => RunExpectations.Text(e?["node"]?["name"])).ToList();
                    Assert.All(runs.Keys, name => Assert.Contains(name, names));
                    Assert.True(data["project"]?["runCount"]?.GetValue<long>() >= runs.Count);
                    break;
                case "Run":
                    Assert.Equal(expected!.DisplayName, RunExpectations.Text(data["project"]?["run"]?["displayName"]));
                    Assert.Equal(expected.ExpectedState, RunExpectations.Text(data["project"]?["run"]?["state"]));
                    break;
                case "RunFullHistory":
                case "HistoryPage":
                    var lines = (data["project"]?["run"]?["history"] as JsonArray ?? []).Select(l => l!.GetValue<string>()).ToList();
                    RunExpectations.AssertLines(expected!.HistoryLines.Values.ToList(), lines, $"06 seq {exchange.Record.Seq}");
                    break;
                case "RunSampledHistory":
                case "SampledHistoryPage":
                    var specs = data["project"]?["run"]?["sampledHistory"] as JsonArray;
                    Assert.NotNull(specs);
                    Assert.Single(specs);
                    Assert.NotEmpty(specs[0]!.AsArray());
                    break;
                case "RunHistoryKeys":
                    var keys = data["project"]?["run"]?["historyKeys"];
                    Assert.NotNull(keys);
                    break;
                case "RunFiles":
                    var fileNames = (data["project"]?["run"]?["files"]?["edges"] as JsonArray ?? []).Select(e => RunExpectations.Text(e?["node"]?["name"]) ?? "").ToList();
                    var asked = (variables["fileNames"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
                    if (asked.Count > 0)
                    {
                        Assert.Equal(asked, fileNames);
                    }
                    else
                    {
                        Assert.Contains("output.log", fileNames);
                        Assert.Contains("wandb-metadata.json", fileNames);
                    }
                    break;
            }
        }
        Assert.Contains(log.Exchanges, e => e.Record.OperationName == "HistoryPage");
    }
}
