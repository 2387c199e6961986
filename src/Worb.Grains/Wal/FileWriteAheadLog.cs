using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Worb.Grains.Wal;

/// <summary>
/// A <see cref="IWriteAheadLog"/> in segment files named by their starting logical position
/// (<c>00000000000000000000.wal</c>, ...). A record is <c>[u32 length][u32 CRC-32 of payload][payload]</c>,
/// little-endian; its position is the logical offset of its header.
/// </summary>
/// <remarks>
/// Appends are queued to one writer loop that writes every queued record with one write call, fsyncs once for
/// the whole group and only then completes the callers (group commit). Reads go through positional reads on
/// the segment handles and only ever see bytes below <see cref="DurablePosition"/>, so they need no lock against
/// the writer. On open every segment is validated; the log is cut at the first torn or corrupt record.
/// Records must not be empty: an all-zero header (what a crash may leave at a file's tail) would otherwise pass as
/// a valid empty record.
/// </remarks>
public sealed class FileWriteAheadLog : IWriteAheadLog
{
    public const long DefaultSegmentBytes = 64L * 1024 * 1024;

    /// <summary>Largest accepted payload; a header claiming more is treated as corruption.</summary>
    public const int MaxRecordBytes = 1 << 30;

    internal const int HeaderSize = 8;

    // Bounds the pooled buffer one group needs; a larger single record still goes as a group of its own.
    private const int MaxGroupBytes = 4 * 1024 * 1024;
    private const int ScanChunkBytes = 1024 * 1024;
    private const int SkipChunkBytes = 64 * 1024;
    private const string LockFileName = "wal.lock";

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly FileStream _lockFile;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly Task _writerLoop;

    // Guards replacing _segments (rotation, release); held only for an array copy.
    private readonly Lock _listLock = new();

    // Readers hold it shared while they use segment handles; Release and dispose take it exclusively to close them.
    // The writer loop never takes it, so appends don't wait on readers.
    private readonly ReaderWriterLockSlim _handleGate = new(LockRecursionPolicy.NoRecursion);

    private volatile WalSegment[] _segments;
    private long _durablePosition;
    private long _releasedPosition;
    private long _flushCount;
    private int _disposed;
    private bool _closed;
    private volatile Exception? _fault;

    // Owned by the writer loop after construction.
    private WalSegment _active;
    private long _writePosition;

    public FileWriteAheadLog(
        string directory,
        string id,
        long segmentBytes = DefaultSegmentBytes,
        ILogger<FileWriteAheadLog>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBytes, HeaderSize + 1);

        _directory = Path.GetFullPath(directory);
        _segmentBytes = segmentBytes;
        _logger = logger ?? NullLogger<FileWriteAheadLog>.Instance;
        Id = id;

        Directory.CreateDirectory(_directory);
        // Two silos (or two logs in one process) on one directory would corrupt each other; fail fast instead.
        _lockFile = new FileStream(
            Path.Combine(_directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        try
        {
            var segments = Recover();
            _segments = segments;
            _active = segments[^1];
            _writePosition = _active.Start + _active.Length;
            _durablePosition = _writePosition;
            _releasedPosition = segments[0].Start;
        }
        catch
        {
            _lockFile.Dispose();
            throw;
        }
        _writerLoop = Task.Run(WriterLoopAsync);
    }

    public string Id { get; }

    public long DurablePosition => Volatile.Read(ref _durablePosition);

    /// <summary>Logical position of the oldest byte still on disk (start of the oldest retained segment).</summary>
    public long FirstPosition => _segments[0].Start;

    /// <summary>Highest position passed to <see cref="Release"/> (at least <see cref="FirstPosition"/> at open).</summary>
    public long ReleasedPosition => Volatile.Read(ref _releasedPosition);

    /// <summary>Bytes of durable records still on disk.</summary>
    public long RetainedBytes => Math.Max(0, DurablePosition - FirstPosition);

    public int SegmentCount => _segments.Length;

    /// <summary>Number of group fsyncs done by the writer loop.</summary>
    internal long FlushCount => Interlocked.Read(ref _flushCount);

    /// <summary>Durable bytes past <paramref name="storedPosition"/>, i.e. what a store at that cursor still has to read.</summary>
    public long PendingBytes(long storedPosition) =>
        Math.Max(0, DurablePosition - Math.Max(storedPosition, FirstPosition));

    /// <inheritdoc />
    /// <remarks>
    /// Cancellation only stops the wait: a record whose token fires before the writer picks it up is skipped,
    /// but one cancelled later may still be written and become durable. The payload is copied by the writer loop,
    /// so the caller must not change <paramref name="record"/> until the returned task completes.
    /// </remarks>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        AppendAsync(ReadOnlyMemory<byte>.Empty, record, cancellationToken);

    /// <inheritdoc cref="AppendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    public ValueTask<long> AppendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> tail, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (head.IsEmpty && tail.IsEmpty)
        {
            throw new ArgumentException("A write-ahead log record must not be empty.", nameof(tail));
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)head.Length + tail.Length, MaxRecordBytes, nameof(tail));
        if (_fault is { } fault)
        {
            return ValueTask.FromException<long>(Failed(fault));
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<long>(cancellationToken);
        }

        var pending = new PendingAppend(head, tail);
        if (cancellationToken.CanBeCanceled)
        {
            pending.Registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingAppend)state!).TrySetCanceled(token), pending);
        }
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Registration.Unregister();
            if (_fault is { } failure)
            {
                return ValueTask.FromException<long>(Failed(failure));
            }
            throw new ObjectDisposedException(GetType().FullName);
        }
        return new ValueTask<long>(pending.Task);
    }

    public IReadOnlyList<WalRecord> Read(long fromPosition, long maxBytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // Read the durable limit before the segment list: every segment holding bytes below it is then listed.
        var limit = DurablePosition;
        if (fromPosition >= limit)
        {
            return [];
        }
        _handleGate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return ReadCore(_segments, fromPosition, limit, maxBytes);
        }
        finally
        {
            _handleGate.ExitReadLock();
        }
    }

    /// <inheritdoc />
    /// <remarks>Only whole segments are deleted, never the active one. After dispose this does nothing.</remarks>
    public void Release(long position)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        position = Math.Min(position, DurablePosition);
        long released;
        do
        {
            released = Volatile.Read(ref _releasedPosition);
            if (position <= released)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _releasedPosition, position, released) != released);
        released = Math.Max(position, released);

        WalSegment[] removed;
        _handleGate.EnterWriteLock();
        try
        {
            if (_closed)
            {
                return;
            }
            lock (_listLock)
            {
                var segments = _segments;
                var drop = 0;
                // A segment ends where the next begins; the last (active) one is never dropped.
                while (drop < segments.Length - 1 && segments[drop + 1].Start <= released)
                {
                    drop++;
                }
                if (drop == 0)
                {
                    return;
                }
                removed = segments[..drop];
                _segments = segments[drop..];
            }
            foreach (var segment in removed)
            {
                segment.Dispose();
            }
        }
        finally
        {
            _handleGate.ExitWriteLock();
        }

        var deletedBytes = 0L;
        foreach (var segment in removed)
        {
            try
            {
                deletedBytes += new FileInfo(segment.Path).Length;
                File.Delete(segment.Path);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not delete released WAL segment {Segment}", segment.Path);
            }
        }
        DirectorySync.TryFlush(_directory, _logger);
        _logger.LogDebug(
            "WAL {WalId} released up to {Position}: deleted {SegmentCount} segment(s), {Bytes} bytes",
            Id, released, removed.Length, deletedBytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // Whatever was queued before this still gets written and acknowledged.
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);

        _handleGate.EnterWriteLock();
        try
        {
            _closed = true;
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }
        }
        finally
        {
            _handleGate.ExitWriteLock();
        }
        await _lockFile.DisposeAsync().ConfigureAwait(false);
    }

    private static IOException Failed(Exception fault) =>
        new("The write-ahead log failed to write and accepts no more appends.", fault);

    private async Task WriterLoopAsync()
    {
        var reader = _queue.Reader;
        var group = new List<PendingAppend>();
        PendingAppend? carry = null;
        try
        {
            while (carry is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                group.Clear();
                var groupBytes = 0L;
                while (true)
                {
                    PendingAppend? next = carry;
                    carry = null;
                    if (next is null && !reader.TryRead(out next))
                    {
                        break;
                    }
                    if (next.Task.IsCompleted)
                    {
                        continue; // cancelled before it was written
                    }
                    var size = HeaderSize + (long)next.Length;
                    if (group.Count > 0 && groupBytes + size > MaxGroupBytes)
                    {
                        carry = next;
                        break;
                    }
                    var segmentUsed = _active.Length + groupBytes;
                    if (segmentUsed > 0 && segmentUsed + size > _segmentBytes)
                    {
                        if (group.Count > 0)
                        {
                            carry = next; // finish this segment's group first, then rotate
                            break;
                        }
                        Rotate();
                    }
                    group.Add(next);
                    groupBytes += size;
                }
                if (group.Count > 0)
                {
                    WriteGroup(group, (int)groupBytes);
                }
            }
        }
        catch (Exception ex)
        {
            // After a failed write or fsync nothing is known about what reached the disk; refuse further appends
            // rather than acknowledge records behind a hole.
            _fault = ex;
            _logger.LogError(ex, "WAL {WalId} failed at position {Position}; it accepts no more appends", Id, _writePosition);
            _queue.Writer.TryComplete();
            var failure = Failed(ex);
            foreach (var pending in group)
            {
                Fail(pending, failure);
            }
            if (carry is not null)
            {
                Fail(carry, failure);
            }
            while (reader.TryRead(out var pending))
            {
                Fail(pending, failure);
            }
            try
            {
                RandomAccess.SetLength(_active.Handle, _active.Length);
            }
            catch (Exception truncateError) when (truncateError is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(truncateError, "Could not cut the failed write off WAL {WalId}", Id);
            }
        }

        static void Fail(PendingAppend pending, Exception failure)
        {
            pending.Registration.Unregister();
            pending.TrySetException(failure);
        }
    }

    private void WriteGroup(List<PendingAppend> group, int groupBytes)
    {
        var segment = _active;
        var start = _writePosition;
        var buffer = ArrayPool<byte>.Shared.Rent(groupBytes);
        try
        {
            var offset = 0;
            foreach (var pending in group)
            {
                var body = buffer.AsSpan(offset + HeaderSize, pending.Length);
                pending.Head.Span.CopyTo(body);
                pending.Tail.Span.CopyTo(body[pending.Head.Length..]);
                // The checksum covers the copy, so a caller that changes its buffer mid-append can't produce a record
                // that fails validation on the next open (which would cut off everything after it).
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), (uint)pending.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset + 4), Crc32.HashToUInt32(body));
                segment.NoteRecord(start + offset);
                offset += HeaderSize + pending.Length;
            }
            RandomAccess.Write(segment.Handle, buffer.AsSpan(0, offset), segment.Length);
            RandomAccess.FlushToDisk(segment.Handle);
            Interlocked.Increment(ref _flushCount);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        segment.Length += groupBytes;
        _writePosition = start + groupBytes;
        Volatile.Write(ref _durablePosition, _writePosition);

        var end = start;
        foreach (var pending in group)
        {
            end += HeaderSize + pending.Length;
            pending.Registration.Unregister();
            pending.TrySetResult(end);
        }
    }

    private void Rotate()
    {
        // The old segment is already fsynced: every group is, before it is acknowledged.
        var next = WalSegment.Open(_directory, _writePosition, FileMode.Create);
        DirectorySync.TryFlush(_directory, _logger);
        lock (_listLock)
        {
            _segments = [.. _segments, next];
        }
        _active = next;
        _logger.LogDebug("WAL {WalId} started segment {Segment}", Id, next.Path);
    }

    private static List<WalRecord> ReadCore(WalSegment[] segments, long fromPosition, long limit, long maxBytes)
    {
        var records = new List<WalRecord>();
        int index;
        long position;
        if (fromPosition <= segments[0].Start)
        {
            index = 0;
            position = segments[0].Start;
        }
        else
        {
            index = FindSegment(segments, fromPosition);
            position = segments[index].FloorBoundary(fromPosition);
        }

        // Walk record headers up to the first boundary at or after fromPosition.
        if (position < fromPosition)
        {
            var chunk = ArrayPool<byte>.Shared.Rent(SkipChunkBytes);
            try
            {
                while (position < fromPosition && position < limit)
                {
                    var segment = segments[index];
                    var segmentEnd = SegmentEnd(segments, index, limit);
                    if (position >= segmentEnd)
                    {
                        index++;
                        continue;
                    }
                    var length = (int)Math.Min(SkipChunkBytes, segmentEnd - position);
                    ReadExactly(segment.Handle, chunk.AsSpan(0, length), position - segment.Start);
                    var offset = 0L;
                    while (offset + HeaderSize <= length && position + offset < fromPosition)
                    {
                        offset += HeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan((int)offset));
                    }
                    if (offset == 0)
                    {
                        throw Corrupt(segment, position);
                    }
                    position += offset;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        var used = 0L;
        while (position < limit)
        {
            if (records.Count > 0 && used >= maxBytes)
            {
                break;
            }
            var segment = segments[index];
            var segmentEnd = SegmentEnd(segments, index, limit);
            if (position >= segmentEnd)
            {
                index++;
                continue;
            }

            // One block for as many records as the budget allows; the payloads are slices of it.
            var budget = Math.Max(maxBytes - used, HeaderSize);
            var blockLength = (int)Math.Min(Math.Min(segmentEnd - position, budget), Array.MaxLength);
            var block = GC.AllocateUninitializedArray<byte>(blockLength);
            ReadExactly(segment.Handle, block, position - segment.Start);
            var offset = 0;
            var full = false;
            while (offset + HeaderSize <= blockLength)
            {
                var length = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(offset));
                var size = HeaderSize + (long)length;
                if (records.Count > 0 && used + size > maxBytes)
                {
                    full = true;
                    break;
                }
                if (offset + size > blockLength)
                {
                    break;
                }
                var recordPosition = position + offset;
                records.Add(new WalRecord(recordPosition, recordPosition + size, block.AsMemory(offset + HeaderSize, (int)length)));
                used += size;
                offset += (int)size;
            }
            if (full)
            {
                break;
            }
            if (offset == 0)
            {
                // The first record alone is larger than the budget: it is returned anyway, read on its own.
                var length = blockLength >= HeaderSize
                    ? BinaryPrimitives.ReadUInt32LittleEndian(block)
                    : throw Corrupt(segment, position);
                var size = HeaderSize + (long)length;
                if (length > MaxRecordBytes || position + size > segmentEnd)
                {
                    throw Corrupt(segment, position);
                }
                var payload = GC.AllocateUninitializedArray<byte>((int)length);
                ReadExactly(segment.Handle, payload, position - segment.Start + HeaderSize);
                records.Add(new WalRecord(position, position + size, payload));
                used += size;
                offset = (int)size;
            }
            position += offset;
        }
        return records;
    }

    private static int FindSegment(WalSegment[] segments, long position)
    {
        var low = 0;
        var high = segments.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (segments[mid].Start <= position)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    private static long SegmentEnd(WalSegment[] segments, int index, long limit) =>
        index + 1 < segments.Length ? Math.Min(segments[index + 1].Start, limit) : limit;

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long fileOffset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, fileOffset);
            if (read == 0)
            {
                throw new EndOfStreamException("The write-ahead log segment is shorter than its durable length.");
            }
            destination = destination[read..];
            fileOffset += read;
        }
    }

    private static InvalidDataException Corrupt(WalSegment segment, long position) =>
        new($"Write-ahead log segment {segment.Path} has no valid record at position {position}.");

    /// <summary>Opens every segment in order, validates it and cuts the log at the first torn or corrupt record.</summary>
    private WalSegment[] Recover()
    {
        var files = new List<(long Start, string Path)>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*.wal"))
        {
            if (WalSegment.TryParseFileName(path, out var start))
            {
                files.Add((start, path));
            }
        }
        files.Sort((a, b) => a.Start.CompareTo(b.Start));

        var segments = new List<WalSegment>();
        var cutAt = -1L;
        string? reason = null;
        var droppedBytes = 0L;
        var deletedSegments = 0;
        try
        {
            foreach (var (start, path) in files)
            {
                if (cutAt < 0 && segments.Count > 0 && start != segments[^1].Start + segments[^1].Length)
                {
                    cutAt = segments[^1].Start + segments[^1].Length;
                    reason = $"segment {Path.GetFileName(path)} does not follow on";
                }
                if (cutAt >= 0)
                {
                    droppedBytes += new FileInfo(path).Length;
                    File.Delete(path);
                    deletedSegments++;
                    continue;
                }

                var segment = WalSegment.Open(_directory, start, FileMode.Open);
                segments.Add(segment);
                var fileLength = RandomAccess.GetLength(segment.Handle);
                segment.Length = Scan(segment, fileLength, out reason);
                if (segment.Length < fileLength)
                {
                    cutAt = start + segment.Length;
                    droppedBytes += fileLength - segment.Length;
                    RandomAccess.SetLength(segment.Handle, segment.Length);
                    RandomAccess.FlushToDisk(segment.Handle);
                }
            }

            if (segments.Count == 0)
            {
                segments.Add(WalSegment.Open(_directory, 0, FileMode.Create));
                DirectorySync.TryFlush(_directory, _logger);
            }
        }
        catch
        {
            foreach (var segment in segments)
            {
                segment.Dispose();
            }
            throw;
        }

        if (cutAt >= 0)
        {
            DirectorySync.TryFlush(_directory, _logger);
            _logger.LogWarning(
                "WAL {WalId} was cut at position {Position} ({Reason}): dropped {DroppedBytes} bytes, including {DeletedSegments} later segment(s)",
                Id, cutAt, reason, droppedBytes, deletedSegments);
        }
        _logger.LogInformation(
            "Opened WAL {WalId} in {Directory}: positions {FirstPosition}..{DurablePosition} in {SegmentCount} segment(s)",
            Id, _directory, segments[0].Start, segments[^1].Start + segments[^1].Length, segments.Count);
        return [.. segments];
    }

    /// <summary>Returns the length of the valid prefix of <paramref name="segment"/>, indexing its records.</summary>
    private static long Scan(WalSegment segment, long fileLength, out string? reason)
    {
        reason = null;
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunkBytes);
        var bufferStart = 0L;
        var bufferLength = 0;
        var position = 0L;
        try
        {
            while (position < fileLength)
            {
                if (fileLength - position < HeaderSize)
                {
                    reason = "short header";
                    break;
                }
                Fill(HeaderSize);
                var header = buffer.AsSpan((int)(position - bufferStart), HeaderSize);
                var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
                var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                if (length == 0 || length > MaxRecordBytes)
                {
                    reason = $"invalid length {length}";
                    break;
                }
                if (length > fileLength - position - HeaderSize)
                {
                    reason = "record runs past the end of the file";
                    break;
                }
                Fill(HeaderSize + (int)length);
                var payload = buffer.AsSpan((int)(position - bufferStart) + HeaderSize, (int)length);
                if (Crc32.HashToUInt32(payload) != checksum)
                {
                    reason = "checksum mismatch";
                    break;
                }
                segment.NoteRecord(segment.Start + position);
                position += HeaderSize + length;
            }
            return position;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Makes [position, position + count) available in the buffer; the caller checked it lies within the file.
        void Fill(int count)
        {
            if (position >= bufferStart && position + count <= bufferStart + bufferLength)
            {
                return;
            }
            if (count > buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(count);
            }
            bufferStart = position;
            bufferLength = (int)Math.Min(buffer.Length, fileLength - position);
            ReadExactly(segment.Handle, buffer.AsSpan(0, bufferLength), position);
        }
    }

    private sealed class PendingAppend(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> tail)
        : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public ReadOnlyMemory<byte> Head { get; } = head;

        public ReadOnlyMemory<byte> Tail { get; } = tail;

        /// <summary>The record's length: head and tail together.</summary>
        public int Length => Head.Length + Tail.Length;

        public CancellationTokenRegistration Registration { get; set; }
    }
}
