using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>With a tiny <c>--wal-compact-bytes</c> the log rotates and deletes stored segments all the time; no line is lost or doubled.</summary>
public sealed class WalCompactionTests
{
    [Fact]
    public async Task Compacting_the_log_past_its_threshold_keeps_every_line_once_and_the_log_small()
    {
        await using var host = await WorbHostProcess.StartAsync(["--wal-compact-bytes", "4096", "--flush-interval-ms", "20"]);
        var session = new ClientSession(host, "compaction", ClientSession.NewRunId());
        await session.CreateRunAsync();
        var sent = new List<string>();
        for (var chunk = 0; chunk < 150; chunk++)
        {
            var lines = Enumerable.Range(sent.Count, 10).Select(i => ClientSession.HistoryLine(i, i * 0.5)).ToList();
            await session.PostLinesAsync(RecordingExpectations.HistoryFile, sent.Count, lines);
            sent.AddRange(lines);
        }
        var api = new PublicApi(host);
        RunExpectations.AssertLines(sent, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName, pageSize: 5000), "history");

        var walBytes = Directory.GetFiles(Path.Combine(host.DataDir, "wal", "local"), "*.wal").Sum(f => new FileInfo(f).Length);
        Assert.True(walBytes < 64 * 1024, $"the log kept {walBytes} bytes although everything is stored");

        await host.KillAsync();
        await host.RestartAsync();
        RunExpectations.AssertLines(sent, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName, pageSize: 5000), "history after a kill");
    }
}
