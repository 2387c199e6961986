using Microsoft.Data.Sqlite;

namespace Worb.Api.GraphQL.Data;

/// <summary>Null-aware column getters for <see cref="SqliteDataReader"/>.</summary>
internal static class SqliteRecordExtensions
{
    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static SqliteParameter AddNullable(this SqliteParameterCollection parameters, string name, object? value) =>
        parameters.AddWithValue(name, value ?? DBNull.Value);
}
