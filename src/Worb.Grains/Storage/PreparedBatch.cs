using Worb.Grains.Protocol;
using Worb.Grains.Store;

namespace Worb.Grains.Storage;

/// <summary>
/// A store batch whose history lines are already scanned into rows (<see cref="HistoryBatchPreparer"/>): all the
/// CPU work that needs no database, so it can be done for the next batch while the writer holds SQLite for this one.
/// Its buffers are reused from batch to batch (<see cref="Reset"/>).
/// </summary>
public sealed class PreparedBatch
{
    private HistoryLineRow[] _lines = new HistoryLineRow[256];
    private PreparedValue[] _values = new PreparedValue[4096];

    /// <summary>The chunks themselves: their summary, events and console lines are written as they are.</summary>
    public IReadOnlyList<StoredChunk> Chunks { get; private set; } = [];

    public int LineCount { get; private set; }

    public int ValueCount { get; private set; }

    internal ReadOnlySpan<HistoryLineRow> Lines => _lines.AsSpan(0, LineCount);

    internal ReadOnlySpan<PreparedValue> Values => _values.AsSpan(0, ValueCount);

    /// <summary>Empties the batch (dropping its references to the previous chunks' strings) for <paramref name="chunks"/>.</summary>
    internal void Reset(IReadOnlyList<StoredChunk> chunks)
    {
        Array.Clear(_lines, 0, LineCount);
        Array.Clear(_values, 0, ValueCount);
        LineCount = 0;
        ValueCount = 0;
        Chunks = chunks;
    }

    internal void AddLine(in HistoryLineRow line)
    {
        if (LineCount == _lines.Length)
        {
            Array.Resize(ref _lines, LineCount * 2);
        }
        _lines[LineCount++] = line;
    }

    internal void AddValue(in PreparedValue value)
    {
        if (ValueCount == _values.Length)
        {
            Array.Resize(ref _values, ValueCount * 2);
        }
        _values[ValueCount++] = value;
    }
}

/// <summary>A <c>history_lines</c> row: one line as the client sent it, at its offset, with its step.</summary>
internal readonly record struct HistoryLineRow(long RunId, long LineNo, long Step, string Content);

/// <summary>One value of a history line, its metric still named (the writer turns names into ids).</summary>
internal readonly record struct PreparedValue(long RunId, long Step, string Key, HistoryValue Value);
