namespace Worb.Grains.Wal;

/// <summary>
/// The silo's write-ahead log: an append-only sequence of opaque records, durable (fsync'ed) before
/// <see cref="AppendAsync"/> completes. Concurrent appends are grouped into one fsync.
/// Positions are byte offsets in the log's logical stream; they only grow, also across compaction.
/// </summary>
public interface IWriteAheadLog : IAsyncDisposable
{
    /// <summary>Stable id of this log (one per silo); the store keys its cursor by it.</summary>
    string Id { get; }

    /// <summary>Logical position just past the last durable record.</summary>
    long DurablePosition { get; }

    /// <summary>Highest position passed to <see cref="Release"/>: everything before it is stored elsewhere.</summary>
    long ReleasedPosition { get; }

    /// <summary>Appends one record and returns the position just past it, once it is on disk.</summary>
    ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>Appends one record made of <paramref name="head"/> followed by <paramref name="tail"/>, without joining them first.</summary>
    ValueTask<long> AppendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> tail, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads durable records that start at or after <paramref name="fromPosition"/>, in order, until about
    /// <paramref name="maxBytes"/> have been read (at least one record when any is there).
    /// </summary>
    IReadOnlyList<WalRecord> Read(long fromPosition, long maxBytes);

    /// <summary>Everything before <paramref name="position"/> is stored elsewhere and may be discarded.</summary>
    void Release(long position);
}

/// <summary>One record read back: where it starts, where the next one starts, and its bytes.</summary>
public readonly record struct WalRecord(long Position, long NextPosition, ReadOnlyMemory<byte> Payload);
