using Worb.Grains.Protocol;

namespace Worb.Grains.Storage;

/// <summary>One row of the <c>history</c> table as a batch collects it; <see cref="Sequence"/> keeps arrival order.</summary>
internal readonly record struct HistoryValueRow(long RunId, long KeyId, long Step, int Sequence, HistoryValue Value)
{
    /// <summary>Orders by (run, key, step), then arrival, so rows go into the table's B-tree in key order.</summary>
    public static int Compare(HistoryValueRow a, HistoryValueRow b)
    {
        var c = a.RunId.CompareTo(b.RunId);
        if (c != 0)
        {
            return c;
        }
        c = a.KeyId.CompareTo(b.KeyId);
        if (c != 0)
        {
            return c;
        }
        c = a.Step.CompareTo(b.Step);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    public bool SameCell(in HistoryValueRow other) => RunId == other.RunId && KeyId == other.KeyId && Step == other.Step;

    /// <summary>
    /// Sorts the rows and keeps only the last one sent for each (run, key, step), as INSERT OR REPLACE would;
    /// returns the number of rows kept at the front of <paramref name="rows"/>.
    /// </summary>
    public static int SortAndKeepLast(Span<HistoryValueRow> rows)
    {
        rows.Sort(Compare);
        var kept = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (i + 1 < rows.Length && rows[i].SameCell(rows[i + 1]))
            {
                continue;
            }
            rows[kept++] = rows[i];
        }
        return kept;
    }
}
