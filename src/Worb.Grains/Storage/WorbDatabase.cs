using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Worb.Grains.Storage;

/// <summary>
/// Opens connections to <c>worb.db</c> with the settings every connection needs. Readers and the writers (each
/// silo's store grain, plus rare metadata updates) share it; SQLite's WAL journal lets readers run beside a writer,
/// and the busy timeout makes a writer wait for another one, also one in another silo's process.
/// </summary>
public sealed class WorbDatabase
{
    private readonly string _connectionString;

    public WorbDatabase(IOptions<WorbOptions> options)
        : this(options.Value.DatabasePath)
    {
    }

    public WorbDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // FULL: a commit is fsync'ed before it returns. The store commits the write-ahead log cursor and then deletes
        // log segments below it, so a commit that a power cut could still undo (NORMAL) could lose acknowledged lines.
        // It costs one fsync per store batch or metadata write; reads don't sync.
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the file if needed, switches it to WAL journal mode and applies pending migrations.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }
        await SchemaMigrations.ApplyAsync(connection, cancellationToken);
    }
}
