using Microsoft.Data.Sqlite;
using Worb.Grains.Protocol;
using Worb.Grains.Runs;
using Worb.Grains.Storage.Sql;
using Worb.Grains.Store;

namespace Worb.Grains.Storage;

/// <summary>
/// Writes a batch of file_stream chunks into SQLite in ONE transaction together with the write-ahead log cursor,
/// so a batch is stored entirely or not at all, and replaying it after a crash stores nothing twice: every row is
/// addressed by (run, line offset) or (run, key, step) and written with INSERT OR REPLACE, and the block summaries
/// are merged only past their last step (otherwise recomputed, see <see cref="HistoryBlockWriter"/>).
/// </summary>
/// <remarks>
/// History is the bulk of the data. Its rows are collected for the whole batch (<see cref="HistoryRowBatch"/>),
/// ordered by (run, key, step) so they enter the B-tree in key order, reduced to the last value sent per cell, and
/// inserted
/// <see cref="MultiRowInsert.DefaultRows"/> at a time through statements bound by position. The raw lines go into
/// <c>history_lines</c> the same way. One batch at a time (the store grain serializes calls).
/// </remarks>
public sealed class ChunkBatchWriter(WorbDatabase database)
{
    private const string HistoryLinesInsert = "INSERT OR REPLACE INTO history_lines (run_id, line_no, step, content) VALUES";
    private const string HistoryInsert = "INSERT OR REPLACE INTO history (run_id, key_id, step, value, json, kind) VALUES";

    /// <summary>
    /// The writer's page cache. A batch dirties pages all over the history B-tree (one series per run and key);
    /// with SQLite's default 2 MB they are spilled and read back mid-transaction. The readers keep the default.
    /// </summary>
    private const int PageCacheKiB = 64 * 1024;

    /// <summary>Metric name → id; only ids from committed transactions are kept.</summary>
    private readonly Dictionary<string, long> _keyIds = new(StringComparer.Ordinal);

    // Reused from batch to batch (calls are serialized), so a steady stream allocates no new row buffers.
    private readonly HistoryRowBatch _values = new();
    private readonly HistoryBatchPreparer _preparer = new();
    private readonly PreparedBatch _prepared = new();

    /// <summary>Prepares and writes <paramref name="chunks"/> (see <see cref="HistoryBatchPreparer"/>) in one call.</summary>
    public Task<BatchStats> WriteAsync(
        IReadOnlyList<StoredChunk> chunks, string walId, long cursor, CancellationToken cancellationToken = default)
    {
        _preparer.Prepare(chunks, _prepared);
        return WriteAsync(_prepared, walId, cursor, cancellationToken);
    }

    /// <summary>Writes a batch that <see cref="HistoryBatchPreparer"/> prepared, with the log cursor, in one transaction.</summary>
    public async Task<BatchStats> WriteAsync(
        PreparedBatch batch, string walId, long cursor, CancellationToken cancellationToken = default)
    {
        _values.Clear(); // a failed batch leaves its rows behind
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA cache_size = -{PageCacheKiB};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var statements = new Statements(connection, transaction);
        var newKeys = new Dictionary<string, long>(StringComparer.Ordinal);
        var runs = new Dictionary<long, RunChanges>();
        var storedLines = 0;

        for (var i = 0; i < batch.ValueCount; i++)
        {
            var value = batch.Values[i];
            var keyId = await KeyIdAsync(statements, value.Key, newKeys, cancellationToken);
            _values.Add(value.RunId, keyId, value.Step, value.Value);
        }

        foreach (var chunk in batch.Chunks)
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
                    case FileStreamFiles.Summary:
                        if (file.Lines.Count > 0)
                        {
                            changes.Summary = file.Lines[^1];
                        }
                        break;
                    case FileStreamFiles.Events:
                        for (var i = 0; i < file.Lines.Count; i++)
                        {
                            statements.InsertEvent(chunk.RunId, file.Offset + i, file.Lines[i]);
                        }
                        storedLines += file.Lines.Count;
                        if (file.Lines.Count > 0)
                        {
                            changes.SystemMetrics = file.Lines[^1];
                        }
                        break;
                    case FileStreamFiles.Output:
                        for (var i = 0; i < file.Lines.Count; i++)
                        {
                            var (stream, text) = ConsoleLine.Split(file.Lines[i]);
                            statements.InsertLog(chunk.RunId, file.Offset + i, stream, text);
                        }
                        storedLines += file.Lines.Count;
                        break;
                }
            }
        }

        statements.HistoryLines.Write(batch.Lines, cancellationToken);
        var values = _values.Sorted();
        statements.History.Write(values, cancellationToken);
        foreach (var blocks in statements.Blocks)
        {
            blocks.Write(values, cancellationToken);
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
        var valueCount = _values.Count;
        _values.Clear(); // drop the references to this batch's strings
        return new BatchStats(storedLines + batch.LineCount, valueCount);
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

    private static void BindLine(RawStatement statement, int first, in HistoryLineRow row)
    {
        statement.Bind(first, row.RunId);
        statement.Bind(first + 1, row.LineNo);
        statement.Bind(first + 2, row.Step);
        statement.Bind(first + 3, row.Content);
    }

    private static void BindValue(RawStatement statement, int first, in HistoryValueRow row)
    {
        statement.Bind(first, row.RunId);
        statement.Bind(first + 1, row.KeyId);
        statement.Bind(first + 2, row.Step);
        // NULLs are left unbound (see BindRow): most rows are plain numbers with neither json nor kind.
        if (row.Value.Number is { } number)
        {
            statement.Bind(first + 3, number);
        }
        if (row.Value.Json is { } json)
        {
            statement.Bind(first + 4, json);
        }
        if (row.Value.StoredKind is { } kind)
        {
            statement.Bind(first + 5, kind);
        }
    }

    private sealed class RunChanges
    {
        public RunProgress Progress = new(0, 0, 0, Interfaces.RunStates.Running, null);
        public double HeartbeatAt;
        public string? Summary;
        public string? SystemMetrics;
    }

    /// <summary>The statements of one batch, each compiled once per transaction.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly RawStatement _event;
        private readonly RawStatement _log;
        private readonly SqliteCommand _key;
        private readonly SqliteCommand _run;
        private readonly SqliteCommand _cursor;

        public Statements(SqliteConnection connection, SqliteTransaction transaction)
        {
            HistoryLines = new MultiRowInsert<HistoryLineRow>(connection, HistoryLinesInsert, 4, BindLine);
            History = new MultiRowInsert<HistoryValueRow>(connection, HistoryInsert, 6, BindValue);
            Blocks = [.. HistoryBlockLevel.All.Select(level => new HistoryBlockWriter(connection, level))];
            _event = new RawStatement(connection,
                "INSERT OR REPLACE INTO events_lines (run_id, line_no, content) VALUES (?1, ?2, ?3);");
            _log = new RawStatement(connection,
                "INSERT OR REPLACE INTO log_lines (run_id, line_no, stream, content) VALUES (?1, ?2, ?3, ?4);");
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

        public MultiRowInsert<HistoryLineRow> HistoryLines { get; }

        public MultiRowInsert<HistoryValueRow> History { get; }

        /// <summary>One writer per level of block summaries.</summary>
        public IReadOnlyList<HistoryBlockWriter> Blocks { get; }

        public void InsertEvent(long runId, long lineNo, string content)
        {
            _event.Bind(1, runId);
            _event.Bind(2, lineNo);
            _event.Bind(3, content);
            _event.Execute();
        }

        public void InsertLog(long runId, long lineNo, int stream, string content)
        {
            _log.Bind(1, runId);
            _log.Bind(2, lineNo);
            _log.Bind(3, stream);
            _log.Bind(4, content);
            _log.Execute();
        }

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
            HistoryLines.Dispose();
            History.Dispose();
            foreach (var blocks in Blocks)
            {
                blocks.Dispose();
            }
            _event.Dispose();
            _log.Dispose();
            foreach (var command in new[] { _key, _run, _cursor })
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

/// <summary>What one store transaction wrote: lines (history, events, console) and history values.</summary>
public readonly record struct BatchStats(int Lines, int Values);
