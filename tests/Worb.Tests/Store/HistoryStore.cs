using Microsoft.Data.Sqlite;
using Worb.Grains.Interfaces;
using Worb.Grains.Protocol;
using Worb.Grains.Storage;
using Worb.Grains.Store;

namespace Worb.Tests.Store;

/// <summary>A fresh database with one run, written through <see cref="ChunkBatchWriter"/> as the store does.</summary>
public sealed class HistoryStore : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "worb-history-" + Guid.NewGuid().ToString("N"));
    private long _cursor;

    private HistoryStore()
    {
        Database = new WorbDatabase(Path.Combine(_dir, "worb.db"));
        Writer = new ChunkBatchWriter(Database);
    }

    public WorbDatabase Database { get; }

    public ChunkBatchWriter Writer { get; }

    public long RunId { get; private set; }

    public static async Task<HistoryStore> CreateAsync()
    {
        var store = new HistoryStore();
        await store.Database.InitializeAsync();
        store.RunId = (await new RunRepository(store.Database, TimeProvider.System).UpsertAsync(new RunKey("e", "p", "r"), new RunUpsert())).Run.RunId;
        return store;
    }

    /// <summary>Writes history lines at <paramref name="offset"/> in one batch (as one or several chunks).</summary>
    public Task<BatchStats> WriteAsync(long offset, IReadOnlyList<string> lines, int chunks = 1)
    {
        var size = (lines.Count + chunks - 1) / Math.Max(1, chunks);
        var batch = new List<StoredChunk>();
        for (var start = 0; start < lines.Count; start += Math.Max(1, size))
        {
            var request = new FileStreamRequest();
            request.Files.Add(new FileChunk(FileStreamFiles.History, offset + start, lines.Skip(start).Take(size).ToList()));
            batch.Add(new StoredChunk(RunId, 0, request));
        }
        return Writer.WriteAsync(batch, "test", ++_cursor);
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        return await SqliteRows.ReadAsync(connection, sql);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
