using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Worb.Grains.Wal;

/// <summary>
/// One segment file of a <see cref="FileWriteAheadLog"/>: the records from logical position <see cref="Start"/> on.
/// Also keeps a sparse index of record boundaries so a read can find a boundary without scanning the whole file.
/// </summary>
internal sealed class WalSegment : IDisposable
{
    private const string Extension = ".wal";

    // A boundary is remembered at most every this many bytes, so finding one scans at most this far (plus a record).
    private const long IndexInterval = 64 * 1024;

    private readonly Lock _indexLock = new();
    private long[] _boundaries = new long[16];
    private int _boundaryCount;
    private long _lastBoundary;

    private WalSegment(string path, long start, SafeFileHandle handle)
    {
        Path = path;
        Start = start;
        Handle = handle;
        _lastBoundary = start;
    }

    public string Path { get; }

    /// <summary>Logical position of the segment's first byte.</summary>
    public long Start { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>Bytes of whole records in the file; touched only by recovery and the writer loop.</summary>
    public long Length { get; set; }

    public static string FileName(long start) => start.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    public static bool TryParseFileName(string path, out long start)
    {
        start = 0;
        var name = System.IO.Path.GetFileName(path);
        return name.Length == 20 + Extension.Length
            && name.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out start);
    }

    public static WalSegment Open(string directory, long start, FileMode mode)
    {
        var path = System.IO.Path.Combine(directory, FileName(start));
        var handle = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        return new WalSegment(path, start, handle);
    }

    /// <summary>Notes that a record starts at <paramref name="position"/>; called in position order by one thread.</summary>
    public void NoteRecord(long position)
    {
        if (position - _lastBoundary < IndexInterval)
        {
            return;
        }
        _lastBoundary = position;
        lock (_indexLock)
        {
            if (_boundaryCount == _boundaries.Length)
            {
                Array.Resize(ref _boundaries, _boundaries.Length * 2);
            }
            _boundaries[_boundaryCount++] = position;
        }
    }

    /// <summary>The last known record boundary at or before <paramref name="position"/> (at least <see cref="Start"/>).</summary>
    public long FloorBoundary(long position)
    {
        lock (_indexLock)
        {
            var index = Array.BinarySearch(_boundaries, 0, _boundaryCount, position);
            if (index >= 0)
            {
                return _boundaries[index];
            }
            var before = ~index - 1;
            return before >= 0 ? _boundaries[before] : Start;
        }
    }

    public void Dispose() => Handle.Dispose();
}
