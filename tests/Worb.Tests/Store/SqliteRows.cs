using Microsoft.Data.Sqlite;

namespace Worb.Tests.Store;

/// <summary>Reads a query's rows as arrays of values (null for SQL NULL), for assertions.</summary>
public static class SqliteRows
{
    public static async Task<List<object?[]>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
