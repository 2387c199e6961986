using System.Text.Json;
using Microsoft.Data.Sqlite;
using Worb.Grains.Interfaces;

namespace Worb.Grains.Storage;

/// <summary>Run metadata in SQLite: what UpsertBucket, stop requests and alerts write, and what run grains load.</summary>
public sealed class RunRepository(WorbDatabase database, TimeProvider clock)
{
    public async Task<RunSnapshot?> FindAsync(RunKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, key, cancellationToken);
    }

    /// <summary>Creates the run (and its project) or updates the fields of <paramref name="upsert"/> that are not null.</summary>
    public async Task<UpsertOutcome> UpsertAsync(RunKey key, RunUpsert upsert, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        var projectId = await EnsureProjectAsync(connection, transaction, key, now, cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO runs (project_id, name, created_at, updated_at, heartbeat_at)
            VALUES ($project, $name, $now, $now, $now)
            ON CONFLICT (project_id, name) DO NOTHING;
            """;
        insert.Parameters.AddWithValue("$project", projectId);
        insert.Parameters.AddWithValue("$name", key.Run);
        insert.Parameters.AddWithValue("$now", now);
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE runs SET
                display_name = COALESCE($display_name, display_name),
                notes        = COALESCE($notes, notes),
                description  = COALESCE($description, description),
                group_name   = COALESCE($group_name, group_name),
                job_type     = COALESCE($job_type, job_type),
                host         = COALESCE($host, host),
                program      = COALESCE($program, program),
                commit_hash  = COALESCE($commit_hash, commit_hash),
                repo         = COALESCE($repo, repo),
                sweep        = COALESCE($sweep, sweep),
                state        = COALESCE($state, state),
                tags         = COALESCE($tags, tags),
                config       = COALESCE($config, config),
                summary      = COALESCE($summary, summary),
                heartbeat_at = $now, -- an upsert comes from a live client (a resume, a config flush)
                updated_at   = $now
            WHERE project_id = $project AND name = $name;
            """;
        update.Parameters.AddWithValue("$display_name", (object?)Blank(upsert.DisplayName) ?? DBNull.Value);
        update.Parameters.AddWithValue("$notes", (object?)upsert.Notes ?? DBNull.Value);
        update.Parameters.AddWithValue("$description", (object?)upsert.Description ?? DBNull.Value);
        update.Parameters.AddWithValue("$group_name", (object?)Blank(upsert.GroupName) ?? DBNull.Value);
        update.Parameters.AddWithValue("$job_type", (object?)Blank(upsert.JobType) ?? DBNull.Value);
        update.Parameters.AddWithValue("$host", (object?)upsert.Host ?? DBNull.Value);
        update.Parameters.AddWithValue("$program", (object?)upsert.Program ?? DBNull.Value);
        update.Parameters.AddWithValue("$commit_hash", (object?)upsert.Commit ?? DBNull.Value);
        update.Parameters.AddWithValue("$repo", (object?)upsert.Repo ?? DBNull.Value);
        update.Parameters.AddWithValue("$sweep", (object?)upsert.Sweep ?? DBNull.Value);
        update.Parameters.AddWithValue("$state", (object?)NormalizeState(upsert.State) ?? DBNull.Value);
        update.Parameters.AddWithValue("$tags", upsert.Tags is null ? DBNull.Value : JsonSerializer.Serialize(upsert.Tags));
        update.Parameters.AddWithValue("$config", (object?)upsert.ConfigJson ?? DBNull.Value);
        update.Parameters.AddWithValue("$summary", (object?)upsert.SummaryJson ?? DBNull.Value);
        update.Parameters.AddWithValue("$now", now);
        update.Parameters.AddWithValue("$project", projectId);
        update.Parameters.AddWithValue("$name", key.Run);
        await update.ExecuteNonQueryAsync(cancellationToken);

        var snapshot = await FindAsync(connection, key, cancellationToken, transaction)
            ?? throw new InvalidOperationException($"Run {key} vanished during its upsert.");
        await transaction.CommitAsync(cancellationToken);
        return new UpsertOutcome(snapshot, inserted);
    }

    public async Task SetStoppedAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET stopped = 1, updated_at = $now WHERE id = $id;";
        command.Parameters.AddWithValue("$now", Now());
        command.Parameters.AddWithValue("$id", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the run and every row that names it; the blobs under files/ stay (content-addressed, shared).</summary>
    public async Task DeleteAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM history WHERE run_id = $id;
            DELETE FROM history_blocks WHERE run_id = $id;
            DELETE FROM history_blocks_4096 WHERE run_id = $id;
            DELETE FROM history_lines WHERE run_id = $id;
            DELETE FROM events_lines WHERE run_id = $id;
            DELETE FROM log_lines WHERE run_id = $id;
            DELETE FROM run_files WHERE run_id = $id;
            DELETE FROM alerts WHERE run_id = $id;
            DELETE FROM runs WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes the project if it has no runs left; false when it still has runs or does not exist.</summary>
    public async Task<bool> DeleteEmptyProjectAsync(string entity, string project, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM projects WHERE entity = $entity AND name = $name
              AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.project_id = projects.id);
            """;
        command.Parameters.AddWithValue("$entity", entity);
        command.Parameters.AddWithValue("$name", project);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task AddAlertAsync(long runId, RunAlert alert, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts (run_id, title, text, severity, wait_duration_ms, created_at)
            VALUES ($run, $title, $text, $severity, $wait, $now);
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$title", alert.Title);
        command.Parameters.AddWithValue("$text", alert.Text);
        command.Parameters.AddWithValue("$severity", alert.Severity);
        command.Parameters.AddWithValue("$wait", (object?)alert.WaitDurationMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> EnsureProjectAsync(
        SqliteConnection connection, SqliteTransaction transaction, RunKey key, double now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO projects (entity, name, created_at) VALUES ($entity, $name, $now)
            ON CONFLICT (entity, name) DO NOTHING;
            SELECT id FROM projects WHERE entity = $entity AND name = $name;
            """;
        command.Parameters.AddWithValue("$entity", key.Entity);
        command.Parameters.AddWithValue("$name", key.Project);
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task<RunSnapshot?> FindAsync(
        SqliteConnection connection, RunKey key, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT r.id, r.display_name, r.description, r.notes, r.config, r.sweep, r.history_line_count,
                   r.events_line_count, r.log_line_count, r.state, r.stopped, r.tags
            FROM runs r JOIN projects p ON p.id = r.project_id
            WHERE p.entity = $entity AND p.name = $project AND r.name = $run;
            """;
        command.Parameters.AddWithValue("$entity", key.Entity);
        command.Parameters.AddWithValue("$project", key.Project);
        command.Parameters.AddWithValue("$run", key.Run);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new RunSnapshot
        {
            RunId = reader.GetInt64(0),
            Key = key,
            DisplayName = reader.IsDBNull(1) ? null : reader.GetString(1),
            Description = reader.IsDBNull(2) ? null : reader.GetString(2),
            Notes = reader.IsDBNull(3) ? null : reader.GetString(3),
            ConfigJson = reader.GetString(4),
            Sweep = reader.IsDBNull(5) ? null : reader.GetString(5),
            HistoryLineCount = reader.GetInt64(6),
            EventsLineCount = reader.GetInt64(7),
            LogLineCount = reader.GetInt64(8),
            State = reader.GetString(9),
            Stopped = reader.GetInt64(10) != 0,
            Tags = JsonSerializer.Deserialize<string[]>(reader.GetString(11)) ?? [],
        };
    }

    private double Now() => clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? NormalizeState(string? state) => string.IsNullOrWhiteSpace(state) ? null : state.ToLowerInvariant();
}
