using Worb.Grains.Protocol;

namespace Worb.Grains.Storage;

/// <summary>
/// Collects one store batch's history values and hands them out in (run, key, step) order, one row per cell — the
/// last value sent for it, as INSERT OR REPLACE would keep — so they enter the table's B-tree in key order.
/// </summary>
/// <remarks>
/// A comparison sort of every value was a fifth of the store's time. The values of one (run, key) series arrive in
/// step order from any well-behaved client, so the batch only has to group them by series: a stable counting sort
/// by the series' rank, O(values). A series whose steps did not arrive in increasing order (a resumed run
/// re-sending, a step that went back) is sorted on its own. Reused from batch to batch; not thread-safe.
/// </remarks>
internal sealed class HistoryRowBatch
{
    private readonly Dictionary<(long RunId, long KeyId), int> _seriesIndex = [];
    private readonly List<Series> _series = [];
    private HistoryValueRow[] _arrived = new HistoryValueRow[4096];
    private int[] _seriesOfRow = new int[4096];
    private HistoryValueRow[] _ordered = new HistoryValueRow[4096];
    private int _count;

    public int Count => _count;

    public void Add(long runId, long keyId, long step, in HistoryValue value)
    {
        if (!_seriesIndex.TryGetValue((runId, keyId), out var index))
        {
            index = _series.Count;
            _seriesIndex.Add((runId, keyId), index);
            _series.Add(new Series(runId, keyId));
        }
        var series = _series[index];
        if (series.Count > 0 && step <= series.LastStep)
        {
            series.NeedsSort = true;
        }
        series.LastStep = step;
        series.Count++;

        if (_count == _arrived.Length)
        {
            Array.Resize(ref _arrived, _count * 2);
            Array.Resize(ref _seriesOfRow, _count * 2);
        }
        _arrived[_count] = new HistoryValueRow(runId, keyId, step, _count, value);
        _seriesOfRow[_count] = index;
        _count++;
    }

    /// <summary>The rows sorted by (run, key, step), one per cell; valid until the next <see cref="Clear"/>.</summary>
    public ReadOnlySpan<HistoryValueRow> Sorted()
    {
        if (_ordered.Length < _count)
        {
            _ordered = new HistoryValueRow[_arrived.Length];
        }
        // Each series' first slot in the output, series taken in (run, key) order.
        var ranked = _series.ToArray();
        Array.Sort(ranked, static (a, b) => a.RunId != b.RunId ? a.RunId.CompareTo(b.RunId) : a.KeyId.CompareTo(b.KeyId));
        var next = 0;
        foreach (var series in ranked)
        {
            series.Start = series.Next = next;
            next += series.Count;
        }
        for (var i = 0; i < _count; i++)
        {
            _ordered[_series[_seriesOfRow[i]].Next++] = _arrived[i];
        }

        var kept = 0;
        foreach (var series in ranked)
        {
            var rows = _ordered.AsSpan(series.Start, series.Count);
            if (series.NeedsSort)
            {
                rows.Sort(static (a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Sequence.CompareTo(b.Sequence));
            }
            for (var i = 0; i < rows.Length; i++)
            {
                if (i + 1 < rows.Length && rows[i].Step == rows[i + 1].Step)
                {
                    continue; // a later value for the same step follows
                }
                _ordered[kept++] = rows[i];
            }
        }
        return _ordered.AsSpan(0, kept);
    }

    /// <summary>Forgets the batch (and its references to the batch's strings), keeping the buffers.</summary>
    public void Clear()
    {
        Array.Clear(_arrived, 0, _count);
        Array.Clear(_ordered, 0, Math.Min(_count, _ordered.Length)); // Sorted() may not have run (a failed batch)
        _count = 0;
        _series.Clear();
        _seriesIndex.Clear();
    }

    private sealed class Series(long runId, long keyId)
    {
        public long RunId { get; } = runId;
        public long KeyId { get; } = keyId;
        public int Count { get; set; }
        public long LastStep { get; set; }
        public bool NeedsSort { get; set; }
        public int Start { get; set; }
        public int Next { get; set; }
    }
}
