namespace Worb.Grains.Storage;

/// <summary>Completes once every write acknowledged before the call is visible in SQLite.</summary>
public interface IStoreBarrier
{
    Task FlushAllAsync(CancellationToken cancellationToken = default);
}
