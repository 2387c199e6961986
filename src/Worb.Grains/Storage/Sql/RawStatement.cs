using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Worb.Grains.Storage.Sql;

/// <summary>
/// A statement prepared straight on the connection's SQLite handle, bound by position: no parameter objects, no
/// boxing, no name look-ups per execution. It takes part in whatever transaction the connection has open.
/// For the store's bulk inserts; everything else uses <see cref="SqliteCommand"/>.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, double? value) =>
        Check(value is { } number ? raw.sqlite3_bind_double(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Binds text as UTF-16, which SQLite copies and converts itself: no UTF-8 array per value on our side.</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Sets every parameter to NULL, so a caller binds only the values that aren't.</summary>
    public void ClearBindings() => Check(raw.sqlite3_clear_bindings(_statement));

    /// <summary>Runs the statement (which returns no rows) and resets it; returns the number of rows changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }
    }
}
