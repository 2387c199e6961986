using System.Diagnostics;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// The multi-silo deployment for real: a PostgreSQL server for Orleans' membership, two Worb.Host processes
/// (<c>--clustering postgres</c>) sharing one data folder, each with its own HTTP, silo and gateway port.
/// </summary>
public sealed class MultiSiloTests(ITestOutputHelper output)
{
    private const string Database = "worb_cluster";
    private const int Runs = 6;
    private const int LinesPerRun = 20;
    private static readonly TimeSpan MembershipPatience = TimeSpan.FromSeconds(120);

    [PostgresFact]
    public async Task Two_silos_form_one_cluster_serve_each_others_runs_and_survive_one_being_killed()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync(Database);
        var data = Path.Combine(Path.GetTempPath(), "worb-e2e-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // Started together on an empty database and an empty data folder: both create the schema, worb.db and
            // secret.key at once.
            var starting = new[] { "silo-a", "silo-b" }
                .Select(name => WorbHostProcess.StartInAsync(data, SiloArguments(postgres, name), ownsDataDirectory: false))
                .ToList();
            await using var siloA = await starting[0];
            await using var siloB = await starting[1];

            var active = await ActiveSilosAsync(postgres);
            Assert.Equal(["silo-a", "silo-b"], active);
            Assert.True(Directory.Exists(Path.Combine(data, "wal", "silo-a")), "silo-a has no write-ahead log of its own");
            Assert.True(Directory.Exists(Path.Combine(data, "wal", "silo-b")), "silo-b has no write-ahead log of its own");

            // Logged through silo A: the run grains land on either silo (Orleans places them), so some chunks go
            // over the silo-to-silo connection and into silo B's log.
            var sessions = new List<(ClientSession Session, List<string> Lines)>();
            for (var i = 0; i < Runs; i++)
            {
                var session = new ClientSession(siloA, "cluster", ClientSession.NewRunId());
                await session.CreateRunAsync(displayName: $"run {i}");
                var lines = Enumerable.Range(0, LinesPerRun).Select(step => ClientSession.HistoryLine(step, 1.0 / (step + i + 1))).ToList();
                await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, lines[..(LinesPerRun / 2)]);
                await session.PostLinesAsync(RecordingExpectations.HistoryFile, LinesPerRun / 2, lines[(LinesPerRun / 2)..]);
                sessions.Add((session, lines));
            }

            // Read back through silo B, at once: its reads drain the logs of both silos first.
            var apiB = new PublicApi(siloB);
            var entity = sessions[0].Session.Entity;
            Assert.Equal(Runs, (await apiB.RunsAsync(entity, "cluster")).Count);
            foreach (var (session, lines) in sessions)
            {
                RunExpectations.AssertLines(lines, await apiB.ScanHistoryAsync(entity, "cluster", session.RunName), $"{session.RunName} through silo B");
                var run = await apiB.RunAsync(entity, "cluster", session.RunName);
                Assert.Equal(LinesPerRun, run!["historyLineCount"]?.GetValue<long>());
            }

            output.WriteLine($"log bytes: silo-a {LogBytes(data, "silo-a")}, silo-b {LogBytes(data, "silo-b")}");

            // Silo A dies. Silo B declares it dead, takes over its runs (reactivated from SQLite) and goes on serving.
            await siloA.KillAsync();
            await EventuallyAsync("silo B to declare silo A dead", async () =>
                Assert.Equal(["silo-b"], await ActiveSilosAsync(postgres)));
            foreach (var (session, lines) in sessions)
            {
                await EventuallyAsync($"{session.RunName} through silo B after silo A died", async () =>
                    RunExpectations.AssertLines(lines, await apiB.ScanHistoryAsync(entity, "cluster", session.RunName), session.RunName));
            }

            // A client of silo A resumes on silo B (UpsertBucket again, then the next lines).
            var (resumed, resumedLines) = sessions[0];
            var resumedOnB = new ClientSession(siloB, "cluster", resumed.RunName);
            await resumedOnB.CreateRunAsync(displayName: "run 0");
            var more = ClientSession.HistoryLine(LinesPerRun, 0.5);
            await resumedOnB.PostLinesAsync(RecordingExpectations.HistoryFile, LinesPerRun, [more]);
            RunExpectations.AssertLines([.. resumedLines, more], await apiB.ScanHistoryAsync(entity, "cluster", resumed.RunName), "resumed on silo B");

            var fresh = new ClientSession(siloB, "cluster", ClientSession.NewRunId());
            await fresh.CreateRunAsync(displayName: "after the kill");
            var freshLines = Enumerable.Range(0, 5).Select(step => ClientSession.HistoryLine(step, step)).ToList();
            await fresh.PostLinesAsync(RecordingExpectations.HistoryFile, 0, freshLines);
            await fresh.FinishAsync();
            RunExpectations.AssertLines(freshLines, await apiB.ScanHistoryAsync(fresh.Entity, "cluster", fresh.RunName), "new run on silo B");
            Assert.Equal(Runs + 1, (await apiB.RunsAsync(entity, "cluster")).Count);
        }
        catch
        {
            output.WriteLine("PostgreSQL log:\n" + postgres.Log());
            throw;
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static string[] SiloArguments(PostgresServer postgres, string name) =>
    [
        "--clustering", "postgres",
        "--clustering-connection", postgres.ConnectionString(Database),
        "--silo-name", name,
        "--advertised-ip", "127.0.0.1",
        "--silo-port", "0",
        "--gateway-port", "0",
        "--flush-interval-ms", "100",
    ];

    private static long LogBytes(string data, string silo) =>
        new DirectoryInfo(Path.Combine(data, "wal", silo)).EnumerateFiles("*.wal").Sum(file => file.Length);

    private static async Task<List<string>> ActiveSilosAsync(PostgresServer postgres) =>
        await postgres.QueryAsync(Database, "SELECT siloname FROM worb_membership WHERE status = 3 ORDER BY siloname", row => row.GetString(0));

    /// <summary>Retries <paramref name="check"/> until it passes, for what membership decides on its own clock.</summary>
    private async Task EventuallyAsync(string what, Func<Task> check)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await check();
                output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
                return;
            }
            catch (Exception e) when (clock.Elapsed < MembershipPatience)
            {
                output.WriteLine($"{what}: not yet ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
