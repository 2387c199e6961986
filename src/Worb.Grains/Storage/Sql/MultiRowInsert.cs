using System.Text;
using Microsoft.Data.Sqlite;

namespace Worb.Grains.Storage.Sql;

/// <summary>
/// Binds one row's values to a statement, starting at parameter <c>first</c> (1-based). Every parameter is NULL
/// before a group of rows is bound, so a binder may skip NULL values (one native call less each).
/// </summary>
internal delegate void BindRow<T>(RawStatement statement, int first, in T row);

/// <summary>
/// Inserts rows many at a time: <c>INSERT ... VALUES (?,..),(?,..),...</c> with up to <c>rowsPerStatement</c> rows
/// per execution, each size prepared once (the full size, and the size of the last partial group).
/// Rows are written in the order given, so with <c>INSERT OR REPLACE</c> a later row for the same key wins.
/// </summary>
internal sealed class MultiRowInsert<T>(
    SqliteConnection connection, string insertPrefix, int columns, BindRow<T> bind, int rowsPerStatement = MultiRowInsert.DefaultRows)
    : IDisposable
{
    private readonly Dictionary<int, RawStatement> _bySize = [];

    /// <summary>Writes all <paramref name="rows"/>; returns how many statements were executed.</summary>
    public int Write(ReadOnlySpan<T> rows, CancellationToken cancellationToken = default)
    {
        var executed = 0;
        while (!rows.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(rows.Length, rowsPerStatement);
            var statement = Statement(count);
            statement.ClearBindings();
            for (var i = 0; i < count; i++)
            {
                bind(statement, i * columns + 1, in rows[i]);
            }
            statement.Execute();
            executed++;
            rows = rows[count..];
        }
        return executed;
    }

    public void Dispose()
    {
        foreach (var statement in _bySize.Values)
        {
            statement.Dispose();
        }
        _bySize.Clear();
    }

    private RawStatement Statement(int rows)
    {
        if (!_bySize.TryGetValue(rows, out var statement))
        {
            statement = new RawStatement(connection, MultiRowInsert.Sql(insertPrefix, columns, rows));
            _bySize.Add(rows, statement);
        }
        return statement;
    }
}

internal static class MultiRowInsert
{
    /// <summary>Rows per statement: large enough to amortize the statement, small enough for any parameter limit.</summary>
    public const int DefaultRows = 500;

    public static string Sql(string insertPrefix, int columns, int rows)
    {
        var tuple = "(" + string.Join(',', Enumerable.Repeat("?", columns)) + ")";
        var sql = new StringBuilder(insertPrefix.Length + rows * (tuple.Length + 1) + 2);
        sql.Append(insertPrefix).Append(' ');
        for (var i = 0; i < rows; i++)
        {
            if (i > 0)
            {
                sql.Append(',');
            }
            sql.Append(tuple);
        }
        return sql.Append(';').ToString();
    }
}
