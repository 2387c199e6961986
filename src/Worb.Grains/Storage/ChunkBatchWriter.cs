using Microsoft.Data.Sqlite;
using Worb.Grains.Protocol;
using Worb.Grains.Runs;
using Worb.Grains.Store;

namespace Worb.Grains.Storage;

/// <summary>
/// Writes a batch of file_stream chunks into SQLite in ONE transaction together with the write-ahead log cursor,
/// so a batch is stored entirely or not at all, and replaying it after a crash stores nothing twice: every row is
/// addressed by (run, line offset) or (run, key, step) and written with INSERT OR REPLACE.
/// </summary>
public sealed class ChunkBatchWriter(WorbDatabase database)
{
    /// <summary>Metric name → id; only ids from committed transactions are kept.</summary>
    private readonly Dictionary<string, long> _keyIds = new(StringComparer.Ordinal);

    public async Task WriteAsync(
        IReadOnlyList<StoredChunk> chunks, string walId, long cursor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var statements = new Statements(connection, transaction);
        var newKeys = new Dictionary<string, long>(StringComparer.Ordinal);
        var runs = new Dictionary<long, RunChanges>();

        foreach (var chunk in chunks)
        {
            if (!runs.TryGetValue(chunk.RunId, out var changes))
            {
                changes = new RunChanges();
                runs.Add(chunk.RunId, changes);
            }
            changes.Progress.Apply(chunk.Request);
            changes.HeartbeatAt = Math.Max(changes.HeartbeatAt, chunk.ReceivedAtUnixMs / 1000.0);

            foreach (var file in chunk.Request.Files)
            {
                switch (file.FileName)
                {
                    case FileStreamFiles.History:
                        await WriteHistoryAsync(statements, chunk.RunId, file, newKeys, cancellationToken);
                        break;
                    case FileStreamFiles.Summary:
                        if (file.Lines.Count > 0)
                        {
                            changes.Summary = file.Lines[^1];
                        }
                        break;
                    case FileStreamFiles.Events:
                        for (var i = 0; i < file.Lines.Count; i++)
                        {
                            await statements.InsertEventAsync(chunk.RunId, file.Offset + i, file.Lines[i], cancellationToken);
                        }
                        if (file.Lines.Count > 0)
                        {
                            changes.SystemMetrics = file.Lines[^1];
                        }
                        break;
                    case FileStreamFiles.Output:
                        for (var i = 0; i < file.Lines.Count; i++)
                        {
                            var (stream, text) = ConsoleLine.Split(file.Lines[i]);
                            await statements.InsertLogAsync(chunk.RunId, file.Offset + i, stream, text, cancellationToken);
                        }
                        break;
                }
            }
        }

        foreach (var (runId, changes) in runs)
        {
            await statements.UpdateRunAsync(runId, changes, cancellationToken);
        }
        await statements.SaveCursorAsync(walId, cursor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var (name, id) in newKeys)
        {
            _keyIds[name] = id;
        }
    }

    private async Task WriteHistoryAsync(
        Statements statements, long runId, FileChunk file, Dictionary<string, long> newKeys, CancellationToken cancellationToken)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var lineNo = file.Offset + i;
            var line = file.Lines[i];
            if (!JsonLineScanner.TryScanObject(line, out var members, out _))
            {
                continue; // validated on the hot path; a line that got here is well-formed
            }
            var step = HistoryStep.Of(members, lineNo);
            await statements.InsertHistoryLineAsync(runId, lineNo, step, line, cancellationToken);
            foreach (var member in members)
            {
                var keyId = await KeyIdAsync(statements, member.Key, newKeys, cancellationToken);
                await statements.InsertValueAsync(runId, keyId, step, HistoryValue.From(member), cancellationToken);
            }
        }
    }

    private async ValueTask<long> KeyIdAsync(
        Statements statements, string name, Dictionary<string, long> newKeys, CancellationToken cancellationToken)
    {
        if (_keyIds.TryGetValue(name, out var id) || newKeys.TryGetValue(name, out id))
        {
            return id;
        }
        id = await statements.EnsureKeyAsync(name, cancellationToken);
        newKeys[name] = id;
        return id;
    }

    private sealed class RunChanges
    {
        public RunProgress Progress = new(0, 0, 0, Interfaces.RunStates.Running, null);
        public double HeartbeatAt;
        public string? Summary;
        public string? SystemMetrics;
    }

    /// <summary>The prepared statements of one batch; parameters are bound per row, the SQL is compiled once.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly SqliteCommand _historyLine;
        private readonly SqliteCommand _value;
        private readonly SqliteCommand _event;
        private readonly SqliteCommand _log;
        private readonly SqliteCommand _key;
        private readonly SqliteCommand _run;
        private readonly SqliteCommand _cursor;

        public Statements(SqliteConnection connection, SqliteTransaction transaction)
        {
            _historyLine = Prepare(connection, transaction,
                "INSERT OR REPLACE INTO history_lines (run_id, line_no, step, content) VALUES ($a, $b, $c, $d);", 4);
            _value = Prepare(connection, transaction,
                "INSERT OR REPLACE INTO history (run_id, key_id, step, value, json, kind) VALUES ($a, $b, $c, $d, $e, $f);", 6);
            _event = Prepare(connection, transaction,
                "INSERT OR REPLACE INTO events_lines (run_id, line_no, content) VALUES ($a, $b, $c);", 3);
            _log = Prepare(connection, transaction,
                "INSERT OR REPLACE INTO log_lines (run_id, line_no, stream, content) VALUES ($a, $b, $c, $d);", 4);
            _key = Prepare(connection, transaction,
                "INSERT INTO metric_keys (name) VALUES ($a) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id;", 1);
            _run = Prepare(connection, transaction, """
                UPDATE runs SET
                    history_line_count = MAX(history_line_count, $a),
                    events_line_count  = MAX(events_line_count, $b),
                    log_line_count     = MAX(log_line_count, $c),
                    state              = $d,
                    exit_code          = COALESCE($e, exit_code),
                    summary            = COALESCE($f, summary),
                    system_metrics     = COALESCE($g, system_metrics),
                    heartbeat_at       = MAX(heartbeat_at, $h),
                    updated_at         = MAX(updated_at, $h)
                WHERE id = $i;
                """, 9);
            _cursor = Prepare(connection, transaction,
                "INSERT INTO wal_cursors (wal_id, position) VALUES ($a, $b) ON CONFLICT (wal_id) DO UPDATE SET position = excluded.position;", 2);
        }

        public Task InsertHistoryLineAsync(long runId, long lineNo, long step, string content, CancellationToken ct) =>
            Run(_historyLine, ct, runId, lineNo, step, content);

        public Task InsertValueAsync(long runId, long keyId, long step, HistoryValue value, CancellationToken ct) =>
            Run(_value, ct, runId, keyId, step, value.Number, value.Json, value.Kind);

        public Task InsertEventAsync(long runId, long lineNo, string content, CancellationToken ct) =>
            Run(_event, ct, runId, lineNo, content);

        public Task InsertLogAsync(long runId, long lineNo, int stream, string content, CancellationToken ct) =>
            Run(_log, ct, runId, lineNo, stream, content);

        public async Task<long> EnsureKeyAsync(string name, CancellationToken ct)
        {
            _key.Parameters[0].Value = name;
            return Convert.ToInt64(await _key.ExecuteScalarAsync(ct));
        }

        public Task UpdateRunAsync(long runId, RunChanges changes, CancellationToken ct) =>
            Run(_run, ct,
                changes.Progress.HistoryLineCount,
                changes.Progress.EventsLineCount,
                changes.Progress.LogLineCount,
                changes.Progress.State,
                changes.Progress.ExitCode,
                changes.Summary,
                changes.SystemMetrics,
                changes.HeartbeatAt,
                runId);

        public Task SaveCursorAsync(string walId, long position, CancellationToken ct) => Run(_cursor, ct, walId, position);

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _historyLine, _value, _event, _log, _key, _run, _cursor })
            {
                await command.DisposeAsync();
            }
        }

        private static async Task Run(SqliteCommand command, CancellationToken ct, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < parameterCount; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + (char)('a' + i), null));
            }
            command.Prepare();
            return command;
        }
    }
}
