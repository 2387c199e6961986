using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Tests.Store;

/// <summary>A database written by an earlier Worb keeps every row through the storage migrations.</summary>
public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "worb-migrate-" + Guid.NewGuid().ToString("N"));
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _connection = await new WorbDatabase(Path.Combine(_dir, "worb.db")).OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Version_3_data_survives_the_line_kind_and_coarse_block_migrations()
    {
        await SchemaMigrations.ApplyAsync(_connection, CancellationToken.None, targetVersion: 3);
        var longLine = "{\"loss\": 0.5, \"text\": \"" + new string('x', 3000) + "\", \"_step\": 7}";
        await ExecuteAsync($"""
            INSERT INTO projects (id, entity, name, created_at) VALUES (1, 'e', 'p', 0);
            INSERT INTO runs (id, project_id, name, created_at, updated_at, heartbeat_at) VALUES (1, 1, 'r', 0, 0, 0);
            INSERT INTO metric_keys (id, name) VALUES (1, 'loss'), (2, 'text');
            INSERT INTO history (run_id, key_id, step, value, json, kind) VALUES
                (1, 1, 7, 0.5, NULL, 'number'), (1, 1, 8, NULL, 'NaN', 'number'), (1, 2, 7, NULL, '"x"', 'string');
            INSERT INTO history_lines (run_id, line_no, step, content) VALUES (1, 0, 7, '{longLine}');
            INSERT INTO events_lines (run_id, line_no, content) VALUES (1, 0, '{"{"}"cpu": 1{"}"}');
            INSERT INTO log_lines (run_id, line_no, stream, content) VALUES (1, 0, 1, 'oops');
            INSERT INTO history_blocks (run_id, key_id, block, first_step, last_step, last_value, min_value, max_value, value_count) VALUES
                (1, 1, 0, 7, 60, 0.5, -1, 2, 10), (1, 1, 1, 64, 100, 0.25, 0, 3, 5), (1, 1, 64, 4096, 4100, 9, 9, 9, 2),
                (99, 1, 0, 0, 63, 1, 1, 1, 64); -- run 99 was deleted
            """);

        await SchemaMigrations.ApplyAsync(_connection, CancellationToken.None);

        Assert.Equal(
            [[7L, 0.5, null, null], [8L, null, "NaN", null], [7L, null, "\"x\"", "string"]],
            await RowsAsync("SELECT step, value, json, kind FROM history ORDER BY key_id, step"));
        Assert.Equal([[0L, 7L, longLine]], await RowsAsync("SELECT line_no, step, content FROM history_lines"));
        Assert.Equal([[0L, "{\"cpu\": 1}"]], await RowsAsync("SELECT line_no, content FROM events_lines"));
        Assert.Equal([[0L, 1L, "oops"]], await RowsAsync("SELECT line_no, stream, content FROM log_lines"));
        Assert.Equal(
            [[1L, 0L, 7L, 100L, 0.25, -1d, 3d, 10L + 5], [1L, 1L, 4096L, 4100L, 9d, 9d, 9d, 2L]],
            await RowsAsync("SELECT run_id, block, first_step, last_step, last_value, min_value, max_value, value_count FROM history_blocks_4096 ORDER BY block"));
        Assert.Empty(await RowsAsync("SELECT 1 FROM history_blocks WHERE run_id = 99"));
        foreach (var table in new[] { "history_lines", "events_lines", "log_lines" })
        {
            var sql = (string)(await RowsAsync($"SELECT sql FROM sqlite_schema WHERE name = '{table}'")).Single()[0]!;
            Assert.DoesNotContain("WITHOUT ROWID", sql, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal([["history_lines_by_step"]],
            await RowsAsync("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'history_lines' AND sql IS NOT NULL"));

        // A re-sent offset still replaces its line (the primary key is now a unique index).
        await ExecuteAsync("INSERT OR REPLACE INTO history_lines (run_id, line_no, step, content) VALUES (1, 0, 7, '{}');");
        Assert.Equal([[0L, "{}"]], await RowsAsync("SELECT line_no, content FROM history_lines"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private Task<List<object?[]>> RowsAsync(string sql) => SqliteRows.ReadAsync(_connection, sql);
}
