using Microsoft.Data.Sqlite;
using Worb.Grains.Storage.Sql;

namespace Worb.Grains.Storage;

/// <summary>
/// Keeps one level of block summaries (<see cref="HistoryBlockLevel"/>) exact in the store's transaction. A batch's rows for one block usually extend it past
/// its last step: then the block is merged in one upsert (min of mins, max of maxes, counts added). When they don't
/// — a replayed chunk, a re-sent step, a step that went back — the block is recomputed from the <c>history</c>
/// rows, so replay never counts a value twice.
/// </summary>
internal sealed class HistoryBlockWriter : IDisposable
{
    private readonly RawStatement _merge;
    private readonly RawStatement _delete;
    private readonly RawStatement _recompute;

    private readonly HistoryBlockLevel _level;

    public HistoryBlockWriter(SqliteConnection connection, HistoryBlockLevel level)
    {
        _level = level;
        _merge = new RawStatement(connection, $"""
            INSERT INTO {level.Table} (run_id, key_id, block, first_step, last_step, last_value, min_value, max_value, value_count)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (run_id, key_id, block) DO UPDATE SET
                last_step = excluded.last_step,
                last_value = excluded.last_value,
                min_value = MIN(min_value, excluded.min_value),
                max_value = MAX(max_value, excluded.max_value),
                value_count = value_count + excluded.value_count
            WHERE ?10 > {level.Table}.last_step;
            """);
        _delete = new RawStatement(connection, $"DELETE FROM {level.Table} WHERE run_id = ?1 AND key_id = ?2 AND block = ?3;");
        _recompute = new RawStatement(connection, $"""
            INSERT INTO {level.Table} (run_id, key_id, block, first_step, last_step, last_value, min_value, max_value, value_count)
            SELECT ?1, ?2, ?3, MIN(step), MAX(step),
                   (SELECT value FROM history WHERE run_id = ?1 AND key_id = ?2 AND step BETWEEN ?4 AND ?5 AND value IS NOT NULL
                    ORDER BY step DESC LIMIT 1),
                   MIN(value), MAX(value), COUNT(*)
            FROM history WHERE run_id = ?1 AND key_id = ?2 AND step BETWEEN ?4 AND ?5 AND value IS NOT NULL
            HAVING COUNT(*) > 0;
            """);
    }

    /// <summary>Updates the blocks of <paramref name="rows"/>: sorted by (run, key, step), one row per cell, already in <c>history</c>.</summary>
    public int Write(ReadOnlySpan<HistoryValueRow> rows, CancellationToken cancellationToken)
    {
        var blocks = 0;
        var start = 0;
        while (start < rows.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = rows[start];
            var block = _level.Of(first.Step);
            var end = start + 1;
            while (end < rows.Length && rows[end].RunId == first.RunId && rows[end].KeyId == first.KeyId
                   && _level.Of(rows[end].Step) == block)
            {
                end++;
            }
            WriteBlock(rows[start..end], block);
            blocks++;
            start = end;
        }
        return blocks;
    }

    private void WriteBlock(ReadOnlySpan<HistoryValueRow> rows, long block)
    {
        var runId = rows[0].RunId;
        var keyId = rows[0].KeyId;
        long count = 0, firstStep = 0, lastStep = 0;
        double min = 0, max = 0, last = 0;
        foreach (ref readonly var row in rows)
        {
            if (row.Value.Number is not { } value)
            {
                continue;
            }
            if (count == 0)
            {
                firstStep = row.Step;
                min = max = value;
            }
            else
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
            lastStep = row.Step;
            last = value;
            count++;
        }
        if (count > 0)
        {
            _merge.Bind(1, runId);
            _merge.Bind(2, keyId);
            _merge.Bind(3, block);
            _merge.Bind(4, firstStep);
            _merge.Bind(5, lastStep);
            _merge.Bind(6, last);
            _merge.Bind(7, min);
            _merge.Bind(8, max);
            _merge.Bind(9, count);
            _merge.Bind(10, rows[0].Step); // the batch's earliest step in this block, numeric or not
            if (_merge.Execute() > 0)
            {
                return;
            }
        }
        Recompute(runId, keyId, block);
    }

    private void Recompute(long runId, long keyId, long block)
    {
        _delete.Bind(1, runId);
        _delete.Bind(2, keyId);
        _delete.Bind(3, block);
        _delete.Execute();
        _recompute.Bind(1, runId);
        _recompute.Bind(2, keyId);
        _recompute.Bind(3, block);
        _recompute.Bind(4, _level.FirstStep(block));
        _recompute.Bind(5, _level.LastStep(block));
        _recompute.Execute();
    }

    public void Dispose()
    {
        _merge.Dispose();
        _delete.Dispose();
        _recompute.Dispose();
    }
}
