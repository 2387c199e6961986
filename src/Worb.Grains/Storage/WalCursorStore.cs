namespace Worb.Grains.Storage;

/// <summary>Reads how far a write-ahead log has been stored (the cursor is written by <see cref="ChunkBatchWriter"/>).</summary>
public sealed class WalCursorStore(WorbDatabase database)
{
    public async Task<long> LoadAsync(string walId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM wal_cursors WHERE wal_id = $id;";
        command.Parameters.AddWithValue("$id", walId);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value);
    }
}
