namespace Worb.Grains.Storage;

/// <summary>
/// One level of per-metric summaries: a table that holds, for each run, key and block of <see cref="Size"/>
/// consecutive steps (block = step &gt;&gt; <see cref="Shift"/>), the first and last step, the last value, min, max and
/// count of the numeric values. Two levels make a chart's cost independent of the run's length: 64-step blocks for
/// up to ~100k steps per chart, 4,096-step blocks beyond (a 10M-step metric is ~2,400 of them).
/// </summary>
public sealed class HistoryBlockLevel
{
    /// <summary><c>history_blocks</c>: 64 steps.</summary>
    public static readonly HistoryBlockLevel Fine = new("history_blocks", 6);

    /// <summary><c>history_blocks_4096</c>: 4,096 steps, i.e. 64 fine blocks.</summary>
    public static readonly HistoryBlockLevel Coarse = new("history_blocks_4096", 12);

    /// <summary>Finest first.</summary>
    public static readonly IReadOnlyList<HistoryBlockLevel> All = [Fine, Coarse];

    private HistoryBlockLevel(string table, int shift)
    {
        Table = table;
        Shift = shift;
    }

    public string Table { get; }

    public int Shift { get; }

    public long Size => 1L << Shift;

    public long Of(long step) => step >> Shift;

    public long FirstStep(long block) => block << Shift;

    public long LastStep(long block) => (block << Shift) + Size - 1;

    /// <summary>The first and last block lying wholly within [<paramref name="lo"/>, <paramref name="hi"/>]; First &gt; Last when none does.</summary>
    public (long First, long Last) WholeBlocksWithin(long lo, long hi) =>
        (FirstStep(Of(lo)) == lo ? Of(lo) : Of(lo) + 1, LastStep(Of(hi)) == hi ? Of(hi) : Of(hi) - 1);
}
