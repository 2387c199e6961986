using System.Globalization;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// Several runs stream at once while the server is killed with SIGKILL at random moments and restarted; clients
/// re-send what was not acknowledged. Every acknowledged line must then be stored exactly once with its exact value.
/// The log is compacted often (small segments) and the store drains in small, frequent transactions, so kills land
/// in appends, drains, commits and segment deletion alike. <c>WORB_SOAK_KILLS</c> raises the kill count
/// (<c>scripts/soak.sh</c>); <c>WORB_SOAK_SEED</c> replays one schedule.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Streams = 4;

    [Fact]
    public async Task Acknowledged_lines_survive_repeated_kill_minus_9_exactly_once()
    {
        var kills = EnvironmentInt("WORB_SOAK_KILLS", 20);
        var seed = EnvironmentInt("WORB_SOAK_SEED", Environment.TickCount);
        output.WriteLine($"{kills} kills, seed {seed}");
        var random = new Random(seed);

        await using var host = await WorbHostProcess.StartAsync(
            ["--wal-compact-bytes", "65536", "--flush-interval-ms", "50", "--flush-max-rows", "200"]);
        var streamers = new List<CrashingStreamer>();
        for (var i = 0; i < Streams; i++)
        {
            var session = new ClientSession(host, "crash", ClientSession.NewRunId());
            await session.CreateRunAsync();
            streamers.Add(new CrashingStreamer(session, random.Next()));
        }
        streamers.ForEach(s => s.Start());

        for (var kill = 0; kill < kills; kill++)
        {
            await Task.Delay(random.Next(50, 800));
            await host.KillAsync();
            await host.RestartAsync();
        }
        await Task.Delay(300);
        foreach (var streamer in streamers)
        {
            await streamer.StopAsync();
        }
        output.WriteLine(string.Join(", ", streamers.Select(s => $"{s.Acknowledged.Count} lines, {s.Retries} re-sent chunks")));
        Assert.True(streamers.Sum(s => s.Retries) > 0, "no chunk was ever re-sent: the kills did not hit the clients");

        await AssertStoredOnceAsync(host, streamers, "after the kills");

        // The reads above drained everything; one more kill replays nothing twice.
        await host.KillAsync();
        await host.RestartAsync();
        await AssertStoredOnceAsync(host, streamers, "after a kill of the idle server");
    }

    private static async Task AssertStoredOnceAsync(WorbHostProcess host, List<CrashingStreamer> streamers, string when)
    {
        var api = new PublicApi(host);
        foreach (var streamer in streamers)
        {
            var session = streamer.Session;
            var stored = await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName);
            RunExpectations.AssertLines(streamer.Acknowledged, stored, $"run {session.RunName} {when}");
            var run = await api.RunAsync(session.Entity, session.Project, session.RunName);
            Assert.Equal(streamer.Acknowledged.Count, run!["historyLineCount"]?.GetValue<long>());
        }
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
