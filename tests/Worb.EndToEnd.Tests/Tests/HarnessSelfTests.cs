using Worb.EndToEnd.Tests.Json;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// The harness itself, without a host: the recordings load, every line the clients sent parses with the lenient
/// parser, and the expectations computed from the requests match facts stated in PROTOCOL.md.
/// </summary>
public sealed class HarnessSelfTests
{
    [Theory]
    [InlineData("01_basic", 1)]
    [InlineData("02_full_session", 1)]
    [InlineData("04_resume", 1)]
    [InlineData("05_failed_runs", 2)]
    [InlineData("07_npm_sdk", 1)]
    [InlineData("08_edge_values", 2)]
    [InlineData("11_alert_and_stop", 2)]
    [InlineData("12_offline_sync", 1)]
    public async Task Every_sent_line_parses_and_offsets_are_contiguous(string name, int runCount)
    {
        var recording = await TrafficRecording.LoadAsync(name);
        var runs = RecordingExpectations.Compute(recording);
        Assert.Equal(runCount, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.Completed, $"{run}: no final message in the recording");
            Assert.NotNull(run.ConfigJson);
            RunConfig.Plain(run.ConfigJson);
            Assert.NotNull(run.SummaryLine);
            LenientJson.ParseObject(run.SummaryLine);
            foreach (var lines in new[] { run.HistoryLines, run.EventsLines })
            {
                Assert.Equal(Enumerable.Range(0, lines.Count).Select(i => (long)i), lines.Keys);
                Assert.All(lines.Values, l => LenientJson.ParseObject(l));
            }
        }
    }

    [Fact]
    public async Task Edge_value_steps_are_as_protocol_section_8_2_says()
    {
        var runs = RecordingExpectations.Compute(await TrafficRecording.LoadAsync("08_edge_values"));
        var steps = runs[0].HistoryLines.Values.Select(l => ((LenientNumber)LenientJson.ParseObject(l)["_step"]!).Text);
        Assert.Equal(["0", "1", "2", "10", "11", "12", "13", "14"], steps);
        var first = LenientJson.ParseObject(runs[0].HistoryLines[0]);
        Assert.True(((LenientNumber)first["nan"]!).IsNaN);
        Assert.Equal("18446744073709551617", ((LenientNumber)first["beyond_int64"]!).Text);
    }

    [Fact]
    public async Task Exit_codes_and_states_follow_the_final_message()
    {
        var failed = RecordingExpectations.Compute(await TrafficRecording.LoadAsync("05_failed_runs"));
        Assert.Equal([3, 1], failed.Select(r => r.ExitCode ?? -1));
        Assert.All(failed, r => Assert.Equal("failed", r.ExpectedState));
        var stopped = RecordingExpectations.Compute(await TrafficRecording.LoadAsync("11_alert_and_stop"));
        Assert.Equal(["finished", "failed"], stopped.Select(r => r.ExpectedState));
        Assert.Equal(3, stopped[0].Alerts.Count);
        Assert.Equal(["WARN", "INFO", "ERROR"], stopped[0].Alerts.Select(a => a.Severity));
    }

    [Fact]
    public void Lenient_comparison_is_exact_for_big_integers_and_tolerates_nan()
    {
        Assert.Null(LenientComparer.FindDifference(LenientJson.Parse("[NaN, 1, -Infinity]"), LenientJson.Parse("[NaN, 1.0, -Infinity]")));
        Assert.NotNull(LenientComparer.FindDifference(LenientJson.Parse("18446744073709551617"), LenientJson.Parse("18446744073709551616")));
        Assert.NotNull(LenientComparer.FindDifference(LenientJson.Parse("18446744073709551617"), LenientJson.Parse("1.8446744073709552e19")));
        Assert.NotNull(LenientComparer.FindDifference(LenientJson.Parse("{\"a\": NaN}"), LenientJson.Parse("{\"a\": null}")));
        Assert.Null(LenientComparer.FindDifference(LenientJson.Parse("{\"a\": 1, \"b\": 2}"), LenientJson.Parse("{\"b\": 2, \"a\": 1}")));
        Assert.Equal(
            RunConfig.Plain("{\"lr\": {\"desc\": null, \"value\": 0.1}, \"o\": {\"desc\": null, \"value\": \"sgd\"}}").ToString(),
            RunConfig.Plain("{\"lr\": 0.1, \"o\": \"sgd\"}").ToString());
    }
}
