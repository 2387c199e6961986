using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Tests.Cluster;

/// <summary>
/// Two in-process silos sharing one data directory (one worb.db), each with its own write-ahead log, the way a
/// multi-silo deployment runs the same grains.
/// </summary>
public sealed class WorbClusterFixture : IAsyncLifetime
{
    private const string DataKey = "WorbTestData";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "worb-cluster-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public WorbDatabase Database => new(Path.Combine(DataDir, "worb.db"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureHostConfiguration(config =>
            config.AddInMemoryCollection(new Dictionary<string, string?> { [DataKey] = DataDir }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var data = siloBuilder.Configuration[DataKey]!;
            siloBuilder.Services.AddSingleton<IOptions<WorbOptions>>(provider => Options.Create(new WorbOptions
            {
                Data = data,
                SiloName = provider.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName,
                FlushIntervalMs = 50,
            }));
            siloBuilder.Services.AddWorbGrainServices();
        }
    }
}
