using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>04_resume: <c>init(id=..., resume="allow")</c> twice; the second session continues the offsets.</summary>
public sealed class ResumeTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Resumed_run_continues_where_the_first_session_stopped()
    {
        var recording = await TrafficRecording.LoadAsync("04_resume");
        var log = await new TrafficReplayer(fixture.Host).ReplayAsync(recording);

        var probes = recording.Records.Where(r => r.OperationName == "RunResumeStatus").ToList();
        Assert.Equal(2, probes.Count);

        // Before the first session nothing exists: bucket null means "new run" to the SDK.
        Assert.Null(log.AnswerTo(probes[0].Seq)["data"]?["model"]?["bucket"]);

        // Before the second session the server reports what the first one sent.
        var before = RecordingExpectations.Compute(recording, r => r.Seq < probes[1].Seq).Single();
        var bucket = log.AnswerTo(probes[1].Seq)["data"]?["model"]?["bucket"];
        Assert.NotNull(bucket);
        Assert.True(before.HistoryLines.Count > 0);
        Assert.Equal(before.HistoryLines.Count, bucket["historyLineCount"]?.GetValue<long>());
        Assert.Equal(before.EventsLines.Count, bucket["eventsLineCount"]?.GetValue<long>());
        Assert.Equal(before.OutputLines.Count, bucket["logLineCount"]?.GetValue<long>());
        var wandbConfig = RunExpectations.Text(bucket["wandbConfig"]);
        Assert.True(wandbConfig is not null && wandbConfig.Contains("\"t\":", StringComparison.Ordinal),
            $"wandbConfig must contain \"t\": or the SDK does not resume (got {wandbConfig})");

        // The second session's history continues at that offset.
        var after = RecordingExpectations.Compute(recording).Single();
        Assert.True(after.HistoryLines.Count > before.HistoryLines.Count);
        Assert.Equal(before.HistoryLines.Count, recording.Records
            .Where(r => r.Seq > probes[1].Seq && r.IsFileStream)
            .Select(r => r.Body?["files"]?[RecordingExpectations.HistoryFile]?["offset"]?.GetValue<long>())
            .First(o => o is not null));

        // Afterwards every line is there exactly once.
        await RunExpectations.AssertRunAsync(new PublicApi(fixture.Host), log.Entity!, after, log);
    }
}
