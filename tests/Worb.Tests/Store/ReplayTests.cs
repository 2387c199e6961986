using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Worb.Grains.Interfaces;
using Worb.Grains.Runs;
using Worb.Grains.Storage;
using Worb.Grains.Store;
using Worb.Grains.Wal;
using Worb.Tests.Cluster;

namespace Worb.Tests.Store;

/// <summary>What a crash leaves behind, replayed: every acknowledged line is stored exactly once.</summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "worb-replay-" + Guid.NewGuid().ToString("N"));
    private WorbDatabase _database = null!;
    private long _runId;

    public async Task InitializeAsync()
    {
        _database = new WorbDatabase(Path.Combine(_dir, "worb.db"));
        await _database.InitializeAsync();
        var outcome = await new RunRepository(_database, TimeProvider.System).UpsertAsync(new RunKey("e", "p", "r"), new RunUpsert());
        _runId = outcome.Run.RunId;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Chunks_logged_before_a_crash_are_stored_once_after_restart()
    {
        await using (var log = OpenLog())
        {
            await AppendAsync(log, RunGrainClusterTests.HistoryChunk(0, 10));
            await AppendAsync(log, RunGrainClusterTests.HistoryChunk(10, 10));
            // Crash: nothing was drained.
        }

        await using (var log = OpenLog())
        {
            await Drainer(log).DrainAsync();
        }
        await using (var log = OpenLog())
        {
            // A second restart replays nothing twice.
            Assert.Equal(0, await CountAsync("history_lines") - 20);
            await Drainer(log).DrainAsync();
        }

        Assert.Equal(20, await CountAsync("history_lines"));
        Assert.Equal(20, await CountAsync("history WHERE key_id = (SELECT id FROM metric_keys WHERE name = 'loss')"));
        Assert.Equal(20, await ScalarAsync("SELECT history_line_count FROM runs"));
    }

    [Fact]
    public async Task A_backlog_of_many_batches_is_stored_exactly_while_the_next_batch_is_prepared_alongside()
    {
        await using var log = OpenLog();
        const int chunks = 60;
        for (var c = 0; c < chunks; c++)
        {
            // Each chunk logs its own metric, so a batch written from the wrong buffer shows as wrong keys.
            var lines = Enumerable.Range(c * 4, 4)
                .Select(s => System.Text.Json.JsonSerializer.Serialize($"{{\"m{c}\": {s}, \"_step\": {s}}}"));
            await AppendAsync(log, $"{{\"files\": {{\"wandb-history.jsonl\": {{\"offset\": {c * 4}, \"content\": [{string.Join(", ", lines)}]}}}}}}");
        }

        // A byte budget of ~2 records and at most 7 lines per batch: ~30 batches, each prepared while the last is written.
        var drainer = new WalDrainer(log, new ChunkBatchWriter(_database), new WalCursorStore(_database), 600, 7, NullLogger.Instance);
        Assert.Equal(log.DurablePosition, await drainer.DrainAsync());

        Assert.Equal(chunks * 4, await CountAsync("history_lines"));
        for (var c = 0; c < chunks; c++)
        {
            Assert.Equal(
                string.Join(",", Enumerable.Range(c * 4, 4)),
                await TextAsync($"SELECT group_concat(step, ',') FROM (SELECT h.step FROM history h JOIN metric_keys k ON k.id = h.key_id WHERE k.name = 'm{c}' ORDER BY h.step)"));
        }
        Assert.Equal(chunks * 4, await ScalarAsync("SELECT history_line_count FROM runs"));
    }

    [Fact]
    public async Task A_call_with_its_time_budget_spent_stores_one_batch_and_says_how_far_it_got()
    {
        await using var log = OpenLog();
        for (var c = 0; c < 6; c++)
        {
            await AppendAsync(log, RunGrainClusterTests.HistoryChunk(c * 5, 5));
        }
        var drainer = new WalDrainer(log, new ChunkBatchWriter(_database), new WalCursorStore(_database), 1 << 20, 10, NullLogger.Instance);

        var calls = new List<long>();
        long reached;
        do
        {
            reached = await drainer.StoreUpToAsync(log.DurablePosition, TimeSpan.Zero);
            calls.Add(reached);
        }
        while (reached < log.DurablePosition);

        Assert.Equal(3, calls.Count); // 10 lines (two chunks) per batch, one batch per call
        Assert.True(calls[0] < calls[1] && calls[1] < calls[2]);
        Assert.Equal(30, await CountAsync("history_lines"));
    }

    [Fact]
    public async Task Replaying_already_stored_records_changes_nothing()
    {
        await using var log = OpenLog();
        await AppendAsync(log, RunGrainClusterTests.HistoryChunk(0, 5));
        await AppendAsync(log, """{"files": {"output.log": {"offset": 0, "content": ["a", "b"]}, "wandb-summary.json": {"offset": 0, "content": ["{\"loss\": 1}"]}}}""");
        await Drainer(log).DrainAsync();
        var before = await SnapshotAsync();

        // As if the cursor had been lost: everything is applied a second time.
        await ExecuteAsync("UPDATE wal_cursors SET position = 0");
        await Drainer(log).DrainAsync();

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(5, await CountAsync("history_lines"));
        Assert.Equal(2, await CountAsync("log_lines"));
    }

    [Fact]
    public async Task A_resent_console_offset_overwrites_the_line()
    {
        await using var log = OpenLog();
        await AppendAsync(log, """{"files": {"output.log": {"offset": 0, "content": ["progress 50%", "ERROR oops"]}}}""");
        await AppendAsync(log, """{"files": {"output.log": {"offset": 0, "content": ["progress 100%"]}}}""");
        await Drainer(log).DrainAsync();

        Assert.Equal(2, await CountAsync("log_lines"));
        Assert.Equal("progress 100%", await TextAsync("SELECT content FROM log_lines WHERE line_no = 0"));
        Assert.Equal("oops", await TextAsync("SELECT content FROM log_lines WHERE line_no = 1 AND stream = 1"));
    }

    private FileWriteAheadLog OpenLog() => new(Path.Combine(_dir, "wal"), "test");

    private WalDrainer Drainer(IWriteAheadLog log) =>
        new(log, new ChunkBatchWriter(_database), new WalCursorStore(_database), 1 << 20, 7, NullLogger.Instance);

    private async Task AppendAsync(IWriteAheadLog log, string body)
    {
        var record = new ChunkRecord(_runId, 0, Encoding.UTF8.GetBytes(body));
        await log.AppendAsync(record.EncodeHeader(), record.Body); // as RunGrain appends it
    }

    private async Task<string> SnapshotAsync()
    {
        var rows = new List<string>();
        await using var connection = await _database.OpenAsync();
        foreach (var table in new[] { "history_lines", "history", "history_blocks", "history_blocks_4096", "log_lines", "runs" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(table + ":" + string.Join(",", Enumerable.Range(0, reader.FieldCount)
                    .Where(i => reader.GetName(i) is not ("updated_at" or "heartbeat_at"))
                    .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }
        return string.Join("\n", rows);
    }

    private Task<long> CountAsync(string from) => ScalarAsync($"SELECT count(*) FROM {from}");

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await QueryAsync(sql));

    private async Task<string?> TextAsync(string sql) => await QueryAsync(sql) as string;

    private async Task ExecuteAsync(string sql) => await QueryAsync(sql);

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
