namespace Worb.Grains.Interfaces;

/// <summary>
/// Drains one silo's write-ahead log into SQLite in batched transactions. Keyed by the WAL's id (one per silo)
/// and placed on that silo, because the WAL file is local to it.
/// </summary>
/// <remarks>
/// A backlog can take longer to store than a grain call may last (Orleans answers a call that runs past its
/// response timeout, 30 s by default, with a timeout), so each call works for a few seconds at most and says how far
/// it got; <see cref="StoreGrainExtensions.FlushToAsync"/> calls again until the position is stored.
/// </remarks>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>The position just past the last record appended to the log now: what a caller waits for.</summary>
    [AlwaysInterleave]
    Task<long> AppendedUpToAsync();

    /// <summary>
    /// Stores the log towards <paramref name="position"/> (<see cref="long.MaxValue"/>: all that is appended), for a
    /// few seconds at most; returns the position it is stored up to, which may still be below the one asked for.
    /// </summary>
    Task<long> StoreUpToAsync(long position);
}
