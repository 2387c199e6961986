using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// Replays recorded client sessions (PROTOCOL.md §1) against one host, then reads every run back as a user would:
/// names, state, config, tags, notes, group, job type, summary, every history line, events, console line counts and
/// uploaded files.
/// </summary>
public sealed class RecordedSessionTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    private const string DefaultEntity = "worb";

    [Theory]
    [InlineData("01_basic")]
    [InlineData("02_full_session")]
    [InlineData("03_heartbeat_idle")]
    [InlineData("05_failed_runs")]
    [InlineData("07_npm_sdk")]
    [InlineData("08_edge_values")]
    [InlineData("09_many_keys")]
    [InlineData("12_offline_sync")]
    public async Task Replayed_session_reads_back_as_sent(string recordingName)
    {
        var host = fixture.Host;
        var recording = await TrafficRecording.LoadAsync(recordingName);
        var log = await new TrafficReplayer(host).ReplayAsync(recording);

        Assert.Equal(DefaultEntity, log.Entity);
        var expectedRuns = RecordingExpectations.Compute(recording);
        Assert.NotEmpty(expectedRuns);

        var api = new PublicApi(host);
        foreach (var expected in expectedRuns)
        {
            await RunExpectations.AssertRunAsync(api, log.Entity!, expected, log);
        }

        foreach (var project in expectedRuns.GroupBy(r => r.Project))
        {
            var listed = await api.RunsAsync(log.Entity!, project.Key);
            foreach (var expected in project)
            {
                var node = listed.FirstOrDefault(n => RunExpectations.Text(n["name"]) == expected.Name);
                Assert.True(node is not null, $"Runs({project.Key}) does not list {expected.Name}");
                Assert.Equal(expected.ExpectedState, RunExpectations.Text(node["state"]));
                RunExpectations.AssertSummary(expected, RunExpectations.Text(node["summaryMetrics"]));
            }
        }
    }
}
