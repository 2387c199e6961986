using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// The client re-sends a chunk when it did not see the answer (retries); offsets make that harmless: history lines
/// are stored once per offset, and a console line re-sent at an earlier offset replaces that line.
/// </summary>
public sealed class IdempotencyTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Resent_history_chunk_is_stored_once()
    {
        var session = new ClientSession(fixture.Host, "idempotency", ClientSession.NewRunId());
        await session.CreateRunAsync();
        var first = Enumerable.Range(0, 5).Select(i => ClientSession.HistoryLine(i, 1.0 / (i + 1))).ToList();
        var second = Enumerable.Range(5, 3).Select(i => ClientSession.HistoryLine(i, 1.0 / (i + 1))).ToList();

        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, first);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, first);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 5, second);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 5, second);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 3, first.Skip(3).Concat(second).ToList());

        var api = new PublicApi(fixture.Host);
        var lines = await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName);
        RunExpectations.AssertLines(first.Concat(second).ToList(), lines, "history after re-sent chunks");
        var run = await api.RunAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(8, run!["historyLineCount"]?.GetValue<long>());
        var bucket = await api.ResumeStatusAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(8, bucket!["historyLineCount"]?.GetValue<long>());
    }

    [Fact]
    public async Task Console_line_resent_at_an_offset_overwrites_it()
    {
        var session = new ClientSession(fixture.Host, "idempotency", ClientSession.NewRunId());
        await session.CreateRunAsync();
        await session.PostLinesAsync(RecordingExpectations.OutputFile, 0,
            ["2026-11-29T12:41:25.328909 starting\n", "2026-11-29T12:41:25.328909 progress 50%\n"]);
        await session.PostLinesAsync(RecordingExpectations.OutputFile, 1, ["2026-11-29T12:41:26.000000 progress 100%\n"]);
        await session.PostLinesAsync(RecordingExpectations.OutputFile, 0, ["2026-11-29T12:41:25.328909 starting\n"]);

        var api = new PublicApi(fixture.Host);
        var bucket = await api.ResumeStatusAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(2, bucket!["logLineCount"]?.GetValue<long>());

        // When the streamed console is offered as output.log, it holds the overwritten line, once.
        var files = await api.FilesAsync(session.Entity, session.Project, session.RunName);
        var log = files.FirstOrDefault(f => RunExpectations.Text(f["name"]) == RecordingExpectations.OutputFile);
        if (log is not null && RunExpectations.Text(log["url"]) is { } url)
        {
            var text = System.Text.Encoding.UTF8.GetString(await api.DownloadAsync(url));
            Assert.Contains("progress 100%", text);
            Assert.DoesNotContain("progress 50%", text);
            Assert.Equal(1, CountOf(text, "starting"));
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
