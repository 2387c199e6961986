using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// A running run whose client goes silent for <c>--heartbeat-timeout-seconds</c> is shown as crashed; a later
/// heartbeat, or a resume, shows it running again with all its data.
/// </summary>
public sealed class CrashedRunTests
{
    private const int TimeoutSeconds = 3;
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(TimeoutSeconds + 1.5);

    [Fact]
    public async Task A_silent_run_shows_crashed_and_a_heartbeat_or_a_resume_brings_it_back()
    {
        await using var host = await WorbHostProcess.StartAsync(["--heartbeat-timeout-seconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var session = new ClientSession(host, "crashed", ClientSession.NewRunId());
        await session.CreateRunAsync();
        var lines = Enumerable.Range(0, 5).Select(i => ClientSession.HistoryLine(i, i)).ToList();
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, lines);
        var api = new PublicApi(host);

        await Task.Delay(Silence);
        Assert.Equal("crashed", await StateAsync(api, session));

        await session.PostCheckedAsync(new JsonObject { ["complete"] = false, ["failed"] = false, ["dropped"] = 0, ["uploaded"] = new JsonArray() });
        Assert.Equal("running", await StateAsync(api, session));

        await Task.Delay(Silence);
        Assert.Equal("crashed", await StateAsync(api, session));

        // Resume: the SDK asks for the run's state, upserts it again and carries on streaming at the stored count.
        var bucket = await api.ResumeStatusAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(lines.Count, bucket!["historyLineCount"]?.GetValue<long>());
        await session.CreateRunAsync();
        Assert.Equal("running", await StateAsync(api, session)); // the resume's upsert is a sign of life too
        var more = ClientSession.HistoryLine(lines.Count, 0.5);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, lines.Count, [more]);
        Assert.Equal("running", await StateAsync(api, session));
        RunExpectations.AssertLines([.. lines, more], await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after the resume");

        await session.FinishAsync();
        await Task.Delay(Silence);
        Assert.Equal("finished", await StateAsync(api, session));
    }

    private static async Task<string?> StateAsync(PublicApi api, ClientSession session) =>
        RunExpectations.Text((await api.RunAsync(session.Entity, session.Project, session.RunName))!["state"]);
}
