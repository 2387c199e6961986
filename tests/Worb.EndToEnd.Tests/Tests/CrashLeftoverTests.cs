using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// What a crash leaves on disk, at host level: a torn last record in the write-ahead log, a log cut in the middle,
/// a kill in the middle of a big store transaction, and a worb.db whose -wal file holds an uncommitted transaction.
/// In each case the restarted server serves every acknowledged line exactly once and keeps accepting data.
/// </summary>
public sealed class CrashLeftoverTests
{
    /// <summary>The store drains only when a read asks it to, so a test decides what is in SQLite and what only in the log.</summary>
    private static readonly string[] DrainOnlyOnReads =
        ["--flush-interval-ms", "600000", "--flush-pending-bytes", "1000000000", "--flush-max-rows", "1000000"];

    [Fact]
    public async Task A_torn_last_log_record_is_cut_off_and_the_log_carries_on()
    {
        await using var host = await WorbHostProcess.StartAsync(DrainOnlyOnReads);
        var session = await NewRunAsync(host);
        var sent = await PostChunksAsync(session, 0, chunks: 5, linesPerChunk: 20);
        await host.KillAsync();

        // A crash mid-append: a header promising 4096 bytes, followed by only 100.
        var torn = new byte[8 + 100];
        BinaryPrimitives.WriteUInt32LittleEndian(torn, 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(torn.AsSpan(4), 0xDEADBEEF);
        Random.Shared.NextBytes(torn.AsSpan(8));
        await using (var segment = new FileStream(LastSegment(host), FileMode.Append))
        {
            await segment.WriteAsync(torn);
        }

        await host.RestartAsync();
        await AssertHistoryAsync(host, session, sent, "after the torn record");

        // Appends after the cut land in a clean log: they survive the next kill, drained only at replay.
        sent.AddRange(await PostChunksAsync(session, sent.Count, chunks: 2, linesPerChunk: 10));
        await host.KillAsync();
        await host.RestartAsync();
        await AssertHistoryAsync(host, session, sent, "after appending past the cut");
    }

    [Fact]
    public async Task A_log_cut_below_the_stored_cursor_loses_nothing_acknowledged_later()
    {
        await using var host = await WorbHostProcess.StartAsync(DrainOnlyOnReads);
        var session = await NewRunAsync(host);
        var sent = await PostChunksAsync(session, 0, chunks: 3, linesPerChunk: 50);
        await AssertHistoryAsync(host, session, sent, "before the cut"); // stored; the log still holds it
        await host.KillAsync();

        var segment = LastSegment(host);
        var length = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength((length / 2) + 3); // mid-record
        }

        await host.RestartAsync();
        await AssertHistoryAsync(host, session, sent, "after the cut");

        // These lines are appended where the cut log ends, below the old cursor; they must still be drained.
        sent.AddRange(await PostChunksAsync(session, sent.Count, chunks: 1, linesPerChunk: 2));
        await host.KillAsync();
        await host.RestartAsync();
        await AssertHistoryAsync(host, session, sent, "after appending to the cut log");
    }

    [Fact]
    public async Task A_kill_during_a_big_store_transaction_stores_everything_once()
    {
        await using var host = await WorbHostProcess.StartAsync(DrainOnlyOnReads);
        var session = await NewRunAsync(host);
        var sent = await PostChunksAsync(session, 0, chunks: 40, linesPerChunk: 1000);

        // A read makes the store drain all 40,000 lines in one transaction; kill while it runs.
        var api = new PublicApi(host);
        var read = api.RunAsync(session.Entity, session.Project, session.RunName);
        await Task.Delay(150);
        await host.KillAsync();
        await read.ContinueWith(_ => { }, TaskScheduler.Default);

        await host.RestartAsync();
        await AssertHistoryAsync(host, session, sent, "after the kill mid-drain");
    }

    [Fact]
    public async Task An_uncommitted_transaction_left_in_the_sqlite_wal_file_is_ignored()
    {
        var copy = Path.Combine(Path.GetTempPath(), "worb-e2e-leftover-" + Guid.NewGuid().ToString("N")[..12]);
        ClientSession session;
        List<string> sent;
        await using (var original = await WorbHostProcess.StartAsync(DrainOnlyOnReads))
        {
            session = await NewRunAsync(original);
            sent = await PostChunksAsync(session, 0, chunks: 3, linesPerChunk: 20);
            await AssertHistoryAsync(original, session, sent, "before the crash");
            await original.StopAsync();

            // A writer that dies mid-transaction: rows and a bogus cursor, spilled into worb.db-wal without a commit.
            // The data folder is copied while the transaction is open; that copy is what the crash leaves behind.
            var database = Path.Combine(original.DataDir, "worb.db");
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA cache_size = 2;";
                await pragma.ExecuteNonQueryAsync();
            }
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using (var write = connection.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = """
                    WITH RECURSIVE n(i) AS (SELECT $from UNION ALL SELECT i + 1 FROM n WHERE i < $from + 4999)
                    INSERT INTO history_lines (run_id, line_no, step, content)
                    SELECT (SELECT id FROM runs WHERE name = $run), i, i, '{"bogus": ' || i || ', "pad": "' || hex(randomblob(200)) || '"}' FROM n;
                    UPDATE wal_cursors SET position = position + 1000000000;
                    """;
                write.Parameters.AddWithValue("$from", sent.Count);
                write.Parameters.AddWithValue("$run", session.RunName);
                await write.ExecuteNonQueryAsync();
            }
            CopyDirectory(original.DataDir, copy);
            Assert.True(new FileInfo(Path.Combine(copy, "worb.db-wal")).Length > 500_000, "the open transaction left no frames in worb.db-wal");
            await transaction.RollbackAsync();
        }

        await using var host = await WorbHostProcess.StartInAsync(copy, DrainOnlyOnReads);
        var restored = new ClientSession(host, session.Project, session.RunName);
        await restored.CreateRunAsync();
        await AssertHistoryAsync(host, restored, sent, "after recovering the leftover");
        sent.AddRange(await PostChunksAsync(restored, sent.Count, chunks: 1, linesPerChunk: 5));
        await host.KillAsync();
        await host.RestartAsync();
        await AssertHistoryAsync(host, restored, sent, "after appending past the leftover");
    }

    private static async Task<ClientSession> NewRunAsync(WorbHostProcess host)
    {
        var session = new ClientSession(host, "leftovers", ClientSession.NewRunId());
        await session.CreateRunAsync();
        return session;
    }

    private static async Task<List<string>> PostChunksAsync(ClientSession session, int from, int chunks, int linesPerChunk)
    {
        var sent = new List<string>();
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var offset = from + sent.Count;
            var lines = Enumerable.Range(offset, linesPerChunk).Select(i => ClientSession.HistoryLine(i, 1.0 / (i + 3))).ToList();
            await session.PostLinesAsync(RecordingExpectations.HistoryFile, offset, lines);
            sent.AddRange(lines);
        }
        return sent;
    }

    private static async Task AssertHistoryAsync(WorbHostProcess host, ClientSession session, List<string> expected, string when)
    {
        var api = new PublicApi(host);
        RunExpectations.AssertLines(expected, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName, pageSize: 5000), when);
        var run = await api.RunAsync(session.Entity, session.Project, session.RunName);
        Assert.Equal(expected.Count, run!["historyLineCount"]?.GetValue<long>());
    }

    private static string LastSegment(WorbHostProcess host) =>
        Directory.GetFiles(Path.Combine(host.DataDir, "wal", "local"), "*.wal").Order(StringComparer.Ordinal).Last();

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".lock", StringComparison.Ordinal))
            {
                File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
            }
        }
    }
}
