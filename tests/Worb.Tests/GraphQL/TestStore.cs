using Worb.Grains.Storage;

namespace Worb.Tests.GraphQL;

/// <summary>Writes rows straight into worb.db, the way the store would have left them.</summary>
internal sealed class TestStore(WorbDatabase database)
{
    /// <summary>2026-11-29T12:41:12Z as unix seconds.</summary>
    public const double T0 = 1795956072;

    public async Task<long> AddProjectAsync(string entity, string name, double createdAt = T0) =>
        await ScalarAsync(
            "INSERT INTO projects (entity, name, created_at) VALUES ($e, $n, $c) RETURNING id;",
            ("$e", entity), ("$n", name), ("$c", createdAt));

    public async Task<long> AddRunAsync(long projectId, string name, TestRun? run = null)
    {
        run ??= new TestRun();
        return await ScalarAsync(
            """
            INSERT INTO runs (project_id, name, display_name, description, notes, group_name, job_type, host, program,
                              commit_hash, sweep, tags, config, summary, system_metrics, state, exit_code, stopped,
                              created_at, updated_at, heartbeat_at, history_line_count, events_line_count, log_line_count)
            VALUES ($p, $name, $dn, $desc, $notes, $group, $job, $host, $program, $commit, $sweep, $tags, $config,
                    $summary, $system, $state, $exit, $stopped, $created, $updated, $heartbeat, $hl, $el, $ll)
            RETURNING id;
            """,
            ("$p", projectId), ("$name", name), ("$dn", run.DisplayName), ("$desc", run.Description),
            ("$notes", run.Notes), ("$group", run.Group), ("$job", run.JobType), ("$host", run.Host),
            ("$program", run.Program), ("$commit", run.Commit), ("$sweep", run.Sweep), ("$tags", run.Tags),
            ("$config", run.Config), ("$summary", run.Summary), ("$system", run.SystemMetrics), ("$state", run.State),
            ("$exit", run.ExitCode), ("$stopped", run.Stopped ? 1 : 0), ("$created", run.CreatedAt),
            ("$updated", run.CreatedAt + 60), ("$heartbeat", run.HeartbeatAt ?? run.CreatedAt + 60),
            ("$hl", run.HistoryLineCount), ("$el", run.EventsLineCount), ("$ll", run.LogLineCount));
    }

    public Task AddHistoryLineAsync(long runId, long lineNo, long step, string content) => ExecuteAsync(
        "INSERT INTO history_lines (run_id, line_no, step, content) VALUES ($r, $l, $s, $c);",
        ("$r", runId), ("$l", lineNo), ("$s", step), ("$c", content));

    public async Task AddHistoryValueAsync(long runId, string key, long step, string kind)
    {
        await ExecuteAsync("INSERT OR IGNORE INTO metric_keys (name) VALUES ($k);", ("$k", key));
        await ExecuteAsync(
            "INSERT INTO history (run_id, key_id, step, value, json, kind) SELECT $r, id, $s, NULL, NULL, $kind FROM metric_keys WHERE name = $k;",
            ("$r", runId), ("$k", key), ("$s", step), ("$kind", kind));
    }

    public Task AddEventsLineAsync(long runId, long lineNo, string content) => ExecuteAsync(
        "INSERT INTO events_lines (run_id, line_no, content) VALUES ($r, $l, $c);",
        ("$r", runId), ("$l", lineNo), ("$c", content));

    public Task AddFileAsync(long runId, string name, long size, string md5, double updatedAt) => ExecuteAsync(
        "INSERT INTO run_files (run_id, name, sha256, md5, size, updated_at) VALUES ($r, $n, $sha, $md5, $size, $u);",
        ("$r", runId), ("$n", name), ("$sha", new string('a', 64)), ("$md5", md5), ("$size", size), ("$u", updatedAt));

    public Task SetStoppedAsync(long runId) =>
        ExecuteAsync("UPDATE runs SET stopped = 1 WHERE id = $r;", ("$r", runId));

    private async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        await command.ExecuteNonQueryAsync();
    }
}
