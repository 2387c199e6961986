using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>
/// Runs a user's SQL over <c>worb.db</c> and cannot change anything: its own connection opened with
/// <c>Mode=ReadOnly</c> (not pooled), <c>PRAGMA query_only = ON</c>, extension loading off, no attached databases
/// allowed (<c>SQLITE_LIMIT_ATTACHED</c> = 0), and <see cref="ReadOnlySqlAuthorizer"/> denying every statement that
/// is not a read. A progress handler interrupts a statement past <see cref="TimeLimit"/>; at most
/// <see cref="MaxRows"/> rows are answered.
/// </summary>
public sealed class SqlConsole(WorbDatabase database)
{
    public const int MaxRows = 10_000;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    private const int ProgressEveryInstructions = 10_000;
    private const int LimitAttached = 7; // SQLITE_LIMIT_ATTACHED

    /// <summary>Prepares and starts <paramref name="sql"/>; throws <see cref="SqliteException"/> when it is refused or wrong.</summary>
    public async Task<SqlConsoleQuery> StartAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.EnableExtensions(false);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA query_only = ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            var handle = connection.Handle!;
            raw.sqlite3_limit(handle, LimitAttached, 0);
            ReadOnlySqlAuthorizer.Install(handle);

            var clock = Stopwatch.StartNew();
            raw.sqlite3_progress_handler(handle, ProgressEveryInstructions,
                _ => clock.Elapsed > TimeLimit || cancellationToken.IsCancellationRequested ? 1 : 0, null);

            if (HasSecondStatement(handle, sql))
            {
                // Only the first statement's rows could be shown; running the rest unseen would be worse.
                throw new SqliteException("Send one statement at a time: the console runs a single SELECT or PRAGMA.", 1);
            }
            var command = connection.CreateCommand();
            command.CommandText = sql;
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new SqlConsoleQuery(connection, command, reader, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether anything but whitespace and comments follows the first statement of <paramref name="sql"/>.</summary>
    private static bool HasSecondStatement(sqlite3 handle, string sql)
    {
        if (raw.sqlite3_prepare_v2(handle, sql, out var first, out var tail) != raw.SQLITE_OK)
        {
            first?.Dispose();
            return false; // the first statement's own error is reported when it runs
        }
        first?.Dispose();
        while (!string.IsNullOrWhiteSpace(tail))
        {
            var rc = raw.sqlite3_prepare_v2(handle, tail, out var next, out var rest);
            var isStatement = next is { IsInvalid: false };
            next?.Dispose();
            if (rc != raw.SQLITE_OK || isStatement)
            {
                return true;
            }
            tail = rest;
        }
        return false;
    }
}

/// <summary>A started SQL console statement: its columns and rows; disposing closes its connection.</summary>
public sealed class SqlConsoleQuery(SqliteConnection connection, SqliteCommand command, SqliteDataReader reader, Stopwatch clock)
    : IAsyncDisposable
{
    public SqliteDataReader Reader { get; } = reader;

    public TimeSpan Elapsed => clock.Elapsed;

    public IReadOnlyList<string> Columns { get; } = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
