namespace Worb.Grains.Interfaces;

public static class StoreGrainExtensions
{
    /// <summary>
    /// Completes once the log is stored at least up to <paramref name="position"/>, however many calls that takes,
    /// or when a call stores nothing more (the log ends before the position). Returns the position stored up to.
    /// </summary>
    public static async Task<long> FlushToAsync(this IStoreGrain store, long position, CancellationToken cancellationToken = default)
    {
        var reached = long.MinValue;
        while (true)
        {
            var now = await store.StoreUpToAsync(position).WaitAsync(cancellationToken);
            if (now >= position || now == reached)
            {
                return now;
            }
            reached = now;
        }
    }

    /// <summary>Completes once everything appended to the log before this call is stored; returns the position stored up to.</summary>
    public static async Task<long> FlushAllAsync(this IStoreGrain store, CancellationToken cancellationToken = default) =>
        await store.FlushToAsync(await store.AppendedUpToAsync().WaitAsync(cancellationToken), cancellationToken);
}
