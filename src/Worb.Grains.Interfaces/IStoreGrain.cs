namespace Worb.Grains.Interfaces;

/// <summary>
/// Drains one silo's write-ahead log into SQLite in batched transactions. Keyed by the WAL's id (one per silo)
/// and placed on that silo, because the WAL file is local to it.
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>Writes everything appended to the WAL up to now into SQLite; returns the WAL position reached.</summary>
    Task<long> DrainAsync();

    /// <summary>Completes once the WAL is stored at least up to <paramref name="position"/>.</summary>
    Task FlushToAsync(long position);
}
