using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Worb.Grains.Diagnostics;
using Worb.Grains.Placement;
using Worb.Grains.Storage;
using Worb.Grains.Storage.Artifacts;
using Worb.Grains.Storage.Queries;
using Worb.Grains.Store;
using Worb.Grains.Wal;

namespace Worb.Grains;

public static class WorbGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the grains run on in a silo: the SQLite store, the silo's write-ahead log, the blob store,
    /// and the silo lifecycle steps that create the database and replay/drain the log.
    /// </summary>
    public static IServiceCollection AddWorbGrainServices(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<WorbMetrics>();
        services.AddSingleton<HistoryBucketQuery>();
        services.AddSingleton<WorbDatabase>();
        services.AddSingleton<RunRepository>();
        services.AddSingleton<RunFileRepository>();
        services.AddSingleton<WalCursorStore>();
        services.AddSingleton<ChunkBatchWriter>();
        services.AddSingleton<BlobStore>();
        services.AddSingleton<ArtifactReader>();
        services.AddSingleton<ArtifactWriter>();
        services.AddSingleton<IStoreBarrier, StoreBarrier>();
        services.AddPlacementDirector<SiloNamePlacement, SiloNamePlacementDirector>();
        services.AddSingleton<IWriteAheadLog>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WorbOptions>>().Value;
            return new FileWriteAheadLog(
                options.WalDirectory,
                options.SiloName,
                options.WalCompactBytes,
                provider.GetRequiredService<ILogger<FileWriteAheadLog>>());
        });
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(p => p.GetRequiredService<DatabaseInitializer>());
        services.AddSingleton<WalDrainService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(p => p.GetRequiredService<WalDrainService>());
        return services;
    }
}
