namespace Worb.Grains.Storage;

/// <summary>Creates worb.db and applies migrations while the silo starts, before any grain touches it.</summary>
public sealed class DatabaseInitializer(WorbDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseInitializer), ServiceLifecycleStage.RuntimeInitialize, database.InitializeAsync);
}
