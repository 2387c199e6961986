using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>Durability: what the server acknowledged survives a graceful restart and a SIGKILL.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Everything_is_still_there_after_a_graceful_restart()
    {
        await using var host = await WorbHostProcess.StartAsync();
        var recording = await TrafficRecording.LoadAsync("02_full_session");
        var log = await new TrafficReplayer(host).ReplayAsync(recording);
        var expected = RecordingExpectations.Compute(recording).Single();

        await host.StopAsync();
        Assert.True(File.Exists(Path.Combine(host.DataDir, "worb.db")), "worb.db is missing from the data folder");
        await host.RestartAsync();

        await RunExpectations.AssertRunAsync(new PublicApi(host), log.Entity!, expected, log);
    }

    [Fact]
    public async Task Acknowledged_lines_survive_kill_minus_9_exactly_once()
    {
        await using var host = await WorbHostProcess.StartAsync();
        var session = new ClientSession(host, "durability", ClientSession.NewRunId());
        await session.CreateRunAsync(displayName: "killed");
        var sent = new List<string>();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            var lines = Enumerable.Range(chunk * 10, 10).Select(i => ClientSession.HistoryLine(i, 1.0 / (i + 1))).ToList();
            await session.PostLinesAsync(RecordingExpectations.HistoryFile, chunk * 10, lines);
            sent.AddRange(lines);
        }

        await host.KillAsync();
        await host.RestartAsync();

        var api = new PublicApi(host);
        RunExpectations.AssertLines(sent, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after SIGKILL");
        var run = await api.RunAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(sent.Count, run!["historyLineCount"]?.GetValue<long>());
        Assert.Equal("killed", RunExpectations.Text(run["displayName"]));
        Assert.Equal("running", RunExpectations.Text(run["state"]));

        // The client resumes at the stored count; its next lines land after the recovered ones.
        var bucket = await api.ResumeStatusAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(sent.Count, bucket!["historyLineCount"]?.GetValue<long>());
        var more = ClientSession.HistoryLine(sent.Count, 0.001);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, sent.Count, [more]);
        await session.FinishAsync();
        RunExpectations.AssertLines([.. sent, more], await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after resume");
        Assert.Equal("finished", RunExpectations.Text((await api.RunAsync(session.Entity, session.Project, session.RunName))!["state"]));
    }
}
