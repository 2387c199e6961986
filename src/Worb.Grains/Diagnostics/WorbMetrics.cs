using System.Diagnostics.Metrics;
using Worb.Grains.Wal;

namespace Worb.Grains.Diagnostics;

/// <summary>
/// Worb's own instruments (meter <see cref="MeterName"/>), exported under <c>/metrics</c>. Recording is a few
/// interlocked adds, so the hot path pays next to nothing; the WAL backlog is observed only when scraped.
/// </summary>
public sealed class WorbMetrics
{
    public const string MeterName = "Worb";

    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private static readonly InstrumentAdvice<long> CountBuckets = new()
    {
        HistogramBucketBoundaries = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000],
    };

    private readonly Counter<long> _chunks;
    private readonly Counter<long> _lines;
    private readonly Counter<long> _storedLines;
    private readonly Counter<long> _storedValues;
    private readonly Histogram<long> _batchLines;
    private readonly Histogram<long> _batchValues;
    private readonly Histogram<double> _flushDuration;
    private readonly UpDownCounter<long> _liveRuns;
    private long _storedPosition;

    public WorbMetrics(IMeterFactory meters, IWriteAheadLog log)
    {
        var meter = meters.Create(MeterName);
        _chunks = meter.CreateCounter<long>("worb.ingest.chunks", "{chunk}", "file_stream chunks acknowledged (durable in the write-ahead log)");
        _lines = meter.CreateCounter<long>("worb.ingest.lines", "{line}", "file_stream lines acknowledged");
        _storedLines = meter.CreateCounter<long>("worb.store.lines", "{line}", "lines written to SQLite");
        _storedValues = meter.CreateCounter<long>("worb.store.values", "{value}", "history values (one per metric per step) written to SQLite");
        _batchLines = meter.CreateHistogram("worb.store.batch.lines", "{line}", "lines per store transaction", advice: CountBuckets);
        _batchValues = meter.CreateHistogram("worb.store.batch.values", "{value}", "history values per store transaction", advice: CountBuckets);
        _flushDuration = meter.CreateHistogram("worb.store.flush.duration", "s", "duration of one store transaction (parse, insert, commit)", advice: SecondsBuckets);
        _liveRuns = meter.CreateUpDownCounter<long>("worb.runs.live", "{grain}", "run grains active in this silo");
        meter.CreateObservableGauge(
            "worb.wal.pending",
            () => Math.Max(0, log.DurablePosition - Volatile.Read(ref _storedPosition)),
            "By",
            "bytes appended to the write-ahead log and not yet stored in SQLite");
    }

    public void ChunkAcknowledged(int lines)
    {
        _chunks.Add(1);
        if (lines > 0)
        {
            _lines.Add(lines);
        }
    }

    public void BatchStored(long position, int lines, long values, TimeSpan elapsed)
    {
        Volatile.Write(ref _storedPosition, position);
        _storedLines.Add(lines);
        _storedValues.Add(values);
        _batchLines.Record(lines);
        _batchValues.Record(values);
        _flushDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>The stored cursor, known before any batch (at start-up).</summary>
    public void StoredUpTo(long position) => Volatile.Write(ref _storedPosition, position);

    public void RunActivated() => _liveRuns.Add(1);

    public void RunDeactivated() => _liveRuns.Add(-1);
}
