namespace Worb.Grains.Storage.Queries;

/// <summary>
/// One chart bucket of a metric: the numeric values with steps in [<see cref="FirstStep"/>, <see cref="LastStep"/>]
/// (the first and last step that have one), the value at the last step, their minimum, maximum and count.
/// </summary>
public readonly record struct HistoryBucket(long FirstStep, long LastStep, double Last, double Min, double Max, long Count)
{
    public static HistoryBucket Of(long step, double value) => new(step, step, value, value, value, 1);

    /// <summary>This bucket followed by <paramref name="later"/> (whose steps all come after this one's).</summary>
    public HistoryBucket Then(in HistoryBucket later) => new(
        FirstStep,
        later.LastStep,
        later.Last,
        Math.Min(Min, later.Min),
        Math.Max(Max, later.Max),
        Count + later.Count);
}
