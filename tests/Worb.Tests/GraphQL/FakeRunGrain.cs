using Worb.Grains.Interfaces;

namespace Worb.Tests.GraphQL;

/// <summary>An in-memory <see cref="IRunGrain"/> that records what the resolvers asked of it.</summary>
internal sealed class FakeRunGrain(RunKey key) : IRunGrain
{
    public RunKey Key { get; } = key;

    /// <summary>The run as the grain knows it; null while the run does not exist.</summary>
    public RunSnapshot? Snapshot { get; set; }

    public List<RunUpsert> Upserts { get; } = [];

    public List<RunAlert> Alerts { get; } = [];

    public int EnsureStoredCalls { get; private set; }

    public int StopRequests { get; private set; }

    public Task<UpsertOutcome> UpsertAsync(RunUpsert upsert)
    {
        Upserts.Add(upsert);
        var inserted = Snapshot is null;
        var current = Snapshot ?? new RunSnapshot { RunId = 7, Key = Key };
        Snapshot = current with
        {
            DisplayName = upsert.DisplayName ?? current.DisplayName,
            Notes = upsert.Notes ?? current.Notes,
            Description = upsert.Description ?? current.Description,
            ConfigJson = upsert.ConfigJson ?? current.ConfigJson,
            Sweep = upsert.Sweep ?? current.Sweep,
            State = upsert.State ?? current.State,
            Tags = upsert.Tags ?? current.Tags,
        };
        return Task.FromResult(new UpsertOutcome(Snapshot, inserted));
    }

    public Task<RunSnapshot?> GetAsync() => Task.FromResult(Snapshot);

    public Task<ChunkResult> AppendChunkAsync(Orleans.Concurrency.Immutable<ReadOnlyMemory<byte>> body) =>
        throw new NotSupportedException();

    public Task EnsureStoredAsync()
    {
        EnsureStoredCalls++;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync()
    {
        var existed = Snapshot is not null;
        Snapshot = null;
        return Task.FromResult(existed);
    }

    public Task RequestStopAsync()
    {
        StopRequests++;
        return Task.CompletedTask;
    }

    public Task<bool> AddAlertAsync(RunAlert alert)
    {
        if (Snapshot is null)
        {
            return Task.FromResult(false);
        }
        Alerts.Add(alert);
        return Task.FromResult(true);
    }
}
