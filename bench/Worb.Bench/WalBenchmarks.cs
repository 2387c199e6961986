using BenchmarkDotNet.Attributes;
using Worb.Grains.Wal;

namespace Worb.Bench;

/// <summary>
/// Write-ahead log appends of 16 KiB records, durable (fsync) before they complete: one at a time, and
/// <see cref="Concurrent"/> at once, which group commit turns into one write and one fsync.
/// </summary>
public class WalBenchmarks
{
    private readonly byte[] _record = new byte[16 * 1024];
    private string _directory = "";
    private FileWriteAheadLog _log = null!;

    [Params(1, 64)]
    public int Concurrent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_record);
        _directory = Path.Combine(Path.GetTempPath(), "worb-bench-wal-" + Guid.NewGuid().ToString("N"));
        _log = new FileWriteAheadLog(_directory, "bench");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _log.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "FileWriteAheadLog.AppendAsync (16 KiB records, group commit)")]
    public async Task<long> Append()
    {
        var appends = new Task<long>[Concurrent];
        for (var i = 0; i < appends.Length; i++)
        {
            appends[i] = _log.AppendAsync(_record).AsTask();
        }
        var positions = await Task.WhenAll(appends);
        _log.Release(positions.Max());
        return positions.Max();
    }
}
