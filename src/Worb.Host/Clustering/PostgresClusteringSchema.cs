using Npgsql;

namespace Worb.Host.Clustering;

/// <summary>
/// Creates the membership tables and Orleans' named queries (<c>postgresql-clustering.sql</c>) in the clustering
/// database when the silo starts, before Orleans reads them, so a user only provides an empty database. The script
/// is idempotent and runs under a transaction-scoped advisory lock, so silos starting together wait for each other.
/// </summary>
public sealed partial class PostgresClusteringSchema(ClusteringSettings settings, ILogger<PostgresClusteringSchema> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public const string ScriptResourceName = "Worb.Host.Clustering.postgresql-clustering.sql";

    // Any fixed number works; this one spells "WorbClus" so it can't be mistaken for someone else's lock.
    private const long AdvisoryLockKey = 0x576F_7262_436C_7573;

    // A database container may still be starting when the silos do; wait this long for it to accept connections.
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresClusteringSchema), ServiceLifecycleStage.First, ApplyAsync);

    public static string Script()
    {
        using var stream = typeof(PostgresClusteringSchema).Assembly.GetManifestResourceStream(ScriptResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ScriptResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var connectionString = settings.ConnectionString
            ?? throw new InvalidOperationException("PostgreSQL clustering without a connection string.");
        var deadline = DateTime.UtcNow + ConnectPatience;
        while (true)
        {
            try
            {
                await ApplyOnceAsync(connectionString, cancellationToken);
                LogApplied(settings.ClusterId);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < deadline)
            {
                LogWaiting(e.Message);
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (NpgsqlException e)
            {
                LogFailed(e);
                throw;
            }
        }
    }

    private static async Task ApplyOnceAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var script = new NpgsqlCommand(Script(), connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL clustering schema is in place (cluster {ClusterId})")]
    private partial void LogApplied(string clusterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clustering database is not reachable yet ({Reason}); retrying")]
    private partial void LogWaiting(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the clustering schema in PostgreSQL")]
    private partial void LogFailed(Exception exception);
}
