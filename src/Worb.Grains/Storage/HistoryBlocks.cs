namespace Worb.Grains.Storage;

/// <summary>
/// The <c>history_blocks</c> table summarizes each metric in blocks of <see cref="Size"/> consecutive steps
/// (block = step &gt;&gt; <see cref="Shift"/>): first and last step, the last value, min, max and count of the
/// numeric values. Charts read these instead of every row; <see cref="Queries.HistoryBucketQuery"/> uses them.
/// </summary>
public static class HistoryBlocks
{
    public const int Shift = 6;
    public const long Size = 1L << Shift;

    public static long Of(long step) => step >> Shift;

    public static long FirstStep(long block) => block << Shift;

    public static long LastStep(long block) => (block << Shift) + Size - 1;
}
