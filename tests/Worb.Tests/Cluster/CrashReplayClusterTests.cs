using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Worb.Grains;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage;

namespace Worb.Tests.Cluster;

/// <summary>
/// A silo killed with chunks acknowledged but not yet stored: when it comes back, its write-ahead log is replayed
/// and every line is stored exactly once, also when the client re-sends a chunk.
/// </summary>
public sealed class CrashReplayClusterTests : IAsyncLifetime
{
    private const string DataKey = "WorbTestData";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "worb-crash-" + Guid.NewGuid().ToString("N"));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureHostConfiguration(config =>
            config.AddInMemoryCollection(new Dictionary<string, string?> { [DataKey] = _data }));
        builder.AddSiloBuilderConfigurator<NeverDrainingSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Acknowledged_chunks_of_a_killed_silo_are_stored_once_when_it_restarts()
    {
        var key = new RunKey("e", "crash", "victim");
        var grain = _cluster.GrainFactory.GetGrain<IRunGrain>(key.GrainKey);
        await grain.UpsertAsync(new RunUpsert());
        for (var offset = 0; offset < 15; offset += 5)
        {
            Assert.Null((await grain.AppendChunkAsync(Body(RunGrainClusterTests.HistoryChunk(offset, 5)))).Error);
        }
        Assert.Equal(0, await StoredLinesAsync(key.Run)); // acknowledged, only in the write-ahead log

        var host = await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        var victim = _cluster.GetActiveSilos().Single(silo => silo.SiloAddress.Equals(host));
        await _cluster.KillSiloAsync(victim);
        await _cluster.RestartSiloAsync(victim);

        Assert.Equal(15, await StoredLinesAsync(key.Run));

        // The client never got an answer for its last chunk, so it sends it again.
        var again = _cluster.GrainFactory.GetGrain<IRunGrain>(key.GrainKey);
        Assert.Null((await again.AppendChunkAsync(Body(RunGrainClusterTests.HistoryChunk(10, 5)))).Error);
        await again.EnsureStoredAsync();
        Assert.Equal(15, await StoredLinesAsync(key.Run));
        Assert.Equal(15, (await again.GetAsync())!.HistoryLineCount);
    }

    [Fact]
    public async Task The_store_barrier_drains_every_silos_log()
    {
        var keys = Enumerable.Range(0, 8).Select(i => new RunKey("e", "barrier", $"run{i}")).ToList();
        foreach (var key in keys)
        {
            var grain = _cluster.GrainFactory.GetGrain<IRunGrain>(key.GrainKey);
            await grain.UpsertAsync(new RunUpsert());
            Assert.Null((await grain.AppendChunkAsync(Body(RunGrainClusterTests.HistoryChunk(0, 3)))).Error);
        }
        foreach (var key in keys)
        {
            Assert.Equal(0, await StoredLinesAsync(key.Run));
        }

        // Called from the test's client, which is no silo: no store is its own.
        var barrier = new StoreBarrier(
            _cluster.GrainFactory, Options.Create(new WorbOptions { SiloName = "" }), NullLogger<StoreBarrier>.Instance);
        await barrier.FlushAllAsync();

        foreach (var key in keys)
        {
            Assert.Equal(3, await StoredLinesAsync(key.Run));
        }
    }

    private async Task<long> StoredLinesAsync(string run)
    {
        await using var connection = await new WorbDatabase(Path.Combine(_data, "worb.db")).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM history_lines h JOIN runs r ON r.id = h.run_id WHERE r.name = $run";
        command.Parameters.AddWithValue("$run", run);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static Immutable<ReadOnlyMemory<byte>> Body(string json) => new(Encoding.UTF8.GetBytes(json));

    /// <summary>Drains only at start (the replay) and when asked, so acknowledged chunks wait in the log.</summary>
    private sealed class NeverDrainingSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var data = siloBuilder.Configuration[DataKey]!;
            siloBuilder.Services.AddSingleton<IOptions<WorbOptions>>(provider => Options.Create(new WorbOptions
            {
                Data = data,
                SiloName = provider.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName,
                FlushIntervalMs = int.MaxValue,
                FlushPendingBytes = long.MaxValue,
            }));
            siloBuilder.Services.AddWorbGrainServices();
        }
    }
}
