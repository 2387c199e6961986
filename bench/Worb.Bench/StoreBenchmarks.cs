using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Worb.Grains.Interfaces;
using Worb.Grains.Protocol;
using Worb.Grains.Storage;
using Worb.Grains.Storage.Queries;
using Worb.Grains.Store;

namespace Worb.Bench;

/// <summary>
/// The store: one <see cref="ChunkBatchWriter"/> transaction of 20 runs × 100 lines × 50 metrics (100,000 values
/// + 100 raw lines... per run), and the chart query over a 1,000,000-step metric.
/// </summary>
public class StoreBenchmarks
{
    private const int Runs = 20;
    private const int Lines = 100;
    private const int Metrics = 50;

    private string _directory = "";
    private WorbDatabase _database = null!;
    private ChunkBatchWriter _writer = null!;
    private HistoryBucketQuery _buckets = null!;
    private long[] _runIds = [];
    private long _chartRun;
    private long _chartKey;
    private long _offset;
    private List<StoredChunk> _batch = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "worb-bench-store-" + Guid.NewGuid().ToString("N"));
        _database = new WorbDatabase(Path.Combine(_directory, "worb.db"));
        await _database.InitializeAsync();
        _writer = new ChunkBatchWriter(_database);
        _buckets = new HistoryBucketQuery(_database);
        var runs = new RunRepository(_database, TimeProvider.System);
        _runIds = new long[Runs];
        for (var r = 0; r < Runs; r++)
        {
            _runIds[r] = (await runs.UpsertAsync(new RunKey("bench", "store", $"run{r}"), new RunUpsert())).Run.RunId;
        }
        _chartRun = (await runs.UpsertAsync(new RunKey("bench", "store", "chart"), new RunUpsert())).Run.RunId;
        var random = new Random(3);
        for (var start = 0; start < 1_000_000; start += 10_000)
        {
            var lines = Enumerable.Range(start, 10_000).Select(s => $"{{\"loss\": {random.NextDouble()}, \"_step\": {s}}}").ToList();
            var request = new FileStreamRequest();
            request.Files.Add(new FileChunk(FileStreamFiles.History, start, lines));
            await _writer.WriteAsync([new StoredChunk(_chartRun, 0, request)], "bench-chart", start);
        }
        _chartKey = await _buckets.FindKeyAsync("loss") ?? throw new InvalidOperationException("no key");
    }

    [IterationSetup(Target = nameof(WriteBatch))]
    public void BuildBatch()
    {
        var random = new Random((int)_offset);
        _batch = [];
        foreach (var runId in _runIds)
        {
            var request = new FileStreamRequest();
            request.Files.Add(new FileChunk(FileStreamFiles.History, _offset,
                Enumerable.Range(0, Lines).Select(i => SampleData.Line(Metrics, _offset + i, random)).ToList()));
            _batch.Add(new StoredChunk(runId, 0, request));
        }
        _offset += Lines;
    }

    [Benchmark(Description = "ChunkBatchWriter.WriteAsync (20 runs × 100 lines × 53 keys = 106,000 values)")]
    public async Task<int> WriteBatch() => (await _writer.WriteAsync(_batch, "bench", _offset)).Values;

    [Benchmark(Description = "HistoryBucketQuery (1,500 buckets of a 1,000,000-step metric)")]
    public async Task<int> Buckets()
    {
        var count = 0;
        await foreach (var _ in _buckets.QueryAsync(_chartRun, _chartKey, null, null, 1500))
        {
            count++;
        }
        return count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
