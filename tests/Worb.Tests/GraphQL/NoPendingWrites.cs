using Worb.Grains.Storage;

namespace Worb.Tests.GraphQL;

/// <summary>The GraphQL tests write SQLite directly, so nothing is ever waiting in a write-ahead log.</summary>
internal sealed class NoPendingWrites : IStoreBarrier
{
    public Task FlushAllAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
