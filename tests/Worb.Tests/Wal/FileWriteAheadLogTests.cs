using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Worb.Grains.Wal;
using Xunit;

namespace Worb.Tests.Wal;

public sealed class FileWriteAheadLogTests : IDisposable
{
    private const int Header = FileWriteAheadLog.HeaderSize;

    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "worb-wal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private FileWriteAheadLog Open(long segmentBytes = FileWriteAheadLog.DefaultSegmentBytes) =>
        new(_directory, "test", segmentBytes);

    private string SegmentPath(long start) => Path.Combine(_directory, $"{start:D20}.wal");

    private string[] SegmentFiles() =>
        [.. Directory.GetFiles(_directory, "*.wal").Select(Path.GetFileName).Order()!];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(WalRecord record) => Encoding.UTF8.GetString(record.Payload.Span);

    private static async Task<List<long>> AppendAll(FileWriteAheadLog wal, IEnumerable<string> texts)
    {
        var ends = new List<long>();
        foreach (var text in texts)
        {
            ends.Add(await wal.AppendAsync(Bytes(text)));
        }
        return ends;
    }

    private static List<WalRecord> ReadAll(FileWriteAheadLog wal, long from = 0, long maxBytes = 1 << 20)
    {
        var all = new List<WalRecord>();
        while (true)
        {
            var batch = wal.Read(from, maxBytes);
            if (batch.Count == 0)
            {
                return all;
            }
            all.AddRange(batch);
            from = batch[^1].NextPosition;
        }
    }

    [Fact]
    public async Task Append_then_read_round_trips_payloads_and_positions()
    {
        await using var wal = Open();
        Assert.Equal(0, wal.DurablePosition);
        Assert.Empty(wal.Read(0, 1024));

        var end1 = await wal.AppendAsync(Bytes("hello"));
        var end2 = await wal.AppendAsync(Bytes("world!!"));

        Assert.Equal(Header + 5, end1);
        Assert.Equal(end1 + Header + 7, end2);
        Assert.Equal(end2, wal.DurablePosition);

        var records = wal.Read(0, 1024);
        Assert.Equal(2, records.Count);
        Assert.Equal(new WalRecord(0, end1, records[0].Payload), records[0]);
        Assert.Equal("hello", Text(records[0]));
        Assert.Equal(end1, records[1].Position);
        Assert.Equal(end2, records[1].NextPosition);
        Assert.Equal("world!!", Text(records[1]));

        var second = Assert.Single(wal.Read(end1, 1024));
        Assert.Equal("world!!", Text(second));
        Assert.Empty(wal.Read(end2, 1024));

        // On-disk framing: [length][crc32][payload].
        var file = await File.ReadAllBytesAsync(SegmentPath(0));
        Assert.Equal(end2, file.Length);
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(Bytes("hello")), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
    }

    [Fact]
    public async Task A_record_appended_in_two_parts_reads_back_as_one_and_survives_a_reopen()
    {
        long end;
        await using (var wal = Open())
        {
            end = await wal.AppendAsync(Bytes("head:"), Bytes("and tail"));
            Assert.Equal(Header + 13, end);
            Assert.Equal("head:and tail", Text(Assert.Single(wal.Read(0, 1024))));
            await Assert.ThrowsAsync<ArgumentException>(async () => await wal.AppendAsync(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty));
        }

        await using var reopened = Open(); // the checksum covers both parts, so the record is valid on open
        Assert.Equal(end, reopened.DurablePosition);
        Assert.Equal("head:and tail", Text(Assert.Single(reopened.Read(0, 1024))));
    }

    [Fact]
    public async Task Read_honours_max_bytes_but_always_returns_one_record()
    {
        await using var wal = Open();
        var ends = await AppendAll(wal, ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", new string('d', 500)]);

        var firstTwo = wal.Read(0, 2 * (Header + 10));
        Assert.Equal(["aaaaaaaaaa", "bbbbbbbbbb"], firstTwo.Select(Text));

        var tiny = wal.Read(0, 1);
        Assert.Equal("aaaaaaaaaa", Text(Assert.Single(tiny)));

        var big = wal.Read(ends[2], 10);
        Assert.Equal(new string('d', 500), Text(Assert.Single(big)));
        Assert.Equal(ends[3], big[0].NextPosition);

        Assert.Equal(4, ReadAll(wal, 0, 30).Count);
    }

    [Fact]
    public async Task Read_from_inside_a_record_starts_at_the_next_boundary()
    {
        await using var wal = Open();
        var ends = await AppendAll(wal, ["one", "two", "three"]);

        var records = wal.Read(ends[0] + 3, 1024);
        Assert.Equal(["three"], records.Select(Text));
        Assert.Equal(ends[1], records[0].Position);
    }

    [Fact]
    public async Task Read_finds_boundaries_far_into_a_large_segment()
    {
        await using var wal = Open();
        var ends = new List<long>();
        for (var i = 0; i < 3000; i++)
        {
            ends.Add(await wal.AppendAsync(Bytes($"record-{i:D5}-" + new string('x', 60))));
        }

        foreach (var i in new[] { 0, 1, 999, 1000, 1777, 2998 })
        {
            var fromBoundary = wal.Read(ends[i], 1);
            Assert.StartsWith($"record-{i + 1:D5}-", Text(Assert.Single(fromBoundary)));
            Assert.Equal(ends[i], fromBoundary[0].Position);

            var fromInside = wal.Read(ends[i] - 1, 1);
            Assert.StartsWith($"record-{i + 1:D5}-", Text(Assert.Single(fromInside)));
        }
        Assert.Equal(3000, ReadAll(wal, 0, 10_000).Count);
    }

    [Fact]
    public async Task Concurrent_appends_are_each_readable_once_and_share_fsyncs()
    {
        const int writers = 64;
        const int perWriter = 200;
        await using var wal = Open();
        var acknowledged = new ConcurrentDictionary<string, long>();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var text = $"{w}:{i}";
                var end = await wal.AppendAsync(Bytes(text));
                Assert.True(acknowledged.TryAdd(text, end));
                Assert.True(wal.DurablePosition >= end);
            }
        })));

        var records = ReadAll(wal, 0, 64 * 1024);
        Assert.Equal(writers * perWriter, records.Count);
        Assert.Equal(wal.DurablePosition, records[^1].NextPosition);

        var lastSeen = new int[writers];
        Array.Fill(lastSeen, -1);
        var expectedPosition = 0L;
        foreach (var record in records)
        {
            Assert.Equal(expectedPosition, record.Position);
            expectedPosition = record.NextPosition;
            var text = Text(record);
            Assert.Equal(acknowledged[text], record.NextPosition);
            var parts = text.Split(':');
            var (writer, index) = (int.Parse(parts[0]), int.Parse(parts[1]));
            // Each writer awaited its previous append, so its records appear in its own order, each once.
            Assert.Equal(lastSeen[writer] + 1, index);
            lastSeen[writer] = index;
        }
        Assert.All(lastSeen, last => Assert.Equal(perWriter - 1, last));
        // Observed around 360 fsyncs for 12,800 appends; demand at least an average group of four.
        Assert.InRange(wal.FlushCount, 1, writers * perWriter / 4);
    }

    [Fact]
    public async Task Reads_concurrent_with_appends_see_only_whole_records()
    {
        await using var wal = Open(segmentBytes: 4096);
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var seen = 0;
            var from = 0L;
            while (!done.IsCancellationRequested || from < wal.DurablePosition)
            {
                foreach (var record in wal.Read(from, 2048))
                {
                    Assert.Equal(from, record.Position);
                    Assert.Equal($"r{seen}-" + new string('p', 40), Text(record));
                    from = record.NextPosition;
                    seen++;
                }
            }
            return seen;
        });
        for (var i = 0; i < 1000; i++)
        {
            await wal.AppendAsync(Bytes($"r{i}-" + new string('p', 40)));
        }
        await done.CancelAsync();
        Assert.Equal(1000, await reader);
    }

    [Fact]
    public async Task Reopen_after_dispose_keeps_everything_and_continues_positions()
    {
        List<long> ends;
        await using (var wal = Open())
        {
            ends = await AppendAll(wal, ["a1", "b22", "c333"]);
        }

        await using (var wal = Open())
        {
            Assert.Equal(ends[^1], wal.DurablePosition);
            Assert.Equal(["a1", "b22", "c333"], ReadAll(wal).Select(Text));
            var end = await wal.AppendAsync(Bytes("d4444"));
            Assert.Equal(ends[^1] + Header + 5, end);
        }

        await using (var wal = Open())
        {
            Assert.Equal(["a1", "b22", "c333", "d4444"], ReadAll(wal).Select(Text));
        }
    }

    [Fact]
    public async Task Torn_last_record_is_dropped_and_appends_continue()
    {
        List<long> ends;
        await using (var wal = Open())
        {
            ends = await AppendAll(wal, ["first", "second", "third"]);
        }
        // A header promising 100 bytes followed by only 10 of them.
        await using (var file = new FileStream(SegmentPath(0), FileMode.Append))
        {
            var torn = new byte[Header + 10];
            BinaryPrimitives.WriteUInt32LittleEndian(torn, 100);
            BinaryPrimitives.WriteUInt32LittleEndian(torn.AsSpan(4), 12345);
            await file.WriteAsync(torn);
        }

        await using (var wal = Open())
        {
            Assert.Equal(ends[^1], wal.DurablePosition);
            Assert.Equal(ends[^1], new FileInfo(SegmentPath(0)).Length);
            Assert.Equal(["first", "second", "third"], ReadAll(wal).Select(Text));
            Assert.Equal(ends[^1] + Header + 6, await wal.AppendAsync(Bytes("fourth")));
        }

        await using (var wal = Open())
        {
            Assert.Equal(["first", "second", "third", "fourth"], ReadAll(wal).Select(Text));
        }
    }

    [Fact]
    public async Task Trailing_zeros_are_not_mistaken_for_records()
    {
        List<long> ends;
        await using (var wal = Open())
        {
            ends = await AppendAll(wal, ["x", "y"]);
        }
        await using (var file = new FileStream(SegmentPath(0), FileMode.Append))
        {
            await file.WriteAsync(new byte[4096]);
        }

        await using var reopened = Open();
        Assert.Equal(ends[^1], reopened.DurablePosition);
        Assert.Equal(["x", "y"], ReadAll(reopened).Select(Text));
    }

    [Theory]
    [InlineData(3)] // mid-header
    [InlineData(Header + 2)] // mid-payload
    public async Task File_cut_mid_record_recovers_to_the_last_whole_record(int bytesOfFourthRecord)
    {
        List<long> ends;
        await using (var wal = Open())
        {
            ends = await AppendAll(wal, ["alpha", "bravo", "charlie", "delta", "echo"]);
        }
        await using (var file = new FileStream(SegmentPath(0), FileMode.Open))
        {
            file.SetLength(ends[2] + bytesOfFourthRecord);
        }

        await using var reopened = Open();
        Assert.Equal(ends[2], reopened.DurablePosition);
        Assert.Equal(["alpha", "bravo", "charlie"], ReadAll(reopened).Select(Text));
        Assert.Equal(ends[2] + Header + 4, await reopened.AppendAsync(Bytes("golf")));
        Assert.Equal(["alpha", "bravo", "charlie", "golf"], ReadAll(reopened).Select(Text));
    }

    [Fact]
    public async Task Corrupt_record_in_the_middle_drops_it_and_everything_after()
    {
        List<long> ends;
        await using (var wal = Open())
        {
            ends = await AppendAll(wal, ["one", "two", "three", "four", "five"]);
        }
        var bytes = await File.ReadAllBytesAsync(SegmentPath(0));
        bytes[ends[1] + Header + 1] ^= 0x40; // a payload byte of "three"
        await File.WriteAllBytesAsync(SegmentPath(0), bytes);

        await using var reopened = Open();
        Assert.Equal(ends[1], reopened.DurablePosition);
        Assert.Equal(["one", "two"], ReadAll(reopened).Select(Text));
        Assert.Equal(ends[1], new FileInfo(SegmentPath(0)).Length);
    }

    [Fact]
    public async Task Corruption_in_an_early_segment_deletes_the_later_ones()
    {
        const int recordSize = Header + 40;
        List<long> ends;
        await using (var wal = Open(segmentBytes: 2 * recordSize))
        {
            ends = await AppendAll(wal, Enumerable.Range(0, 8).Select(i => $"{i}".PadRight(40, '.')));
            Assert.Equal(4, wal.SegmentCount);
        }
        var second = SegmentPath(2 * recordSize);
        var bytes = await File.ReadAllBytesAsync(second);
        bytes[recordSize + 4] ^= 0x01; // the checksum of record 3, the second in segment 1
        await File.WriteAllBytesAsync(second, bytes);

        await using var reopened = Open(segmentBytes: 2 * recordSize);
        Assert.Equal(3 * recordSize, reopened.DurablePosition);
        Assert.Equal(["00000000000000000000.wal", $"{2 * recordSize:D20}.wal"], SegmentFiles());
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{i}".PadRight(40, '.')), ReadAll(reopened).Select(Text));
        Assert.Equal(4 * recordSize, await reopened.AppendAsync(Bytes("3".PadRight(40, '!'))));
    }

    [Fact]
    public async Task Rotation_starts_segments_named_by_position_and_reads_span_them()
    {
        const int recordSize = Header + 40;
        await using var wal = Open(segmentBytes: 100);
        var texts = Enumerable.Range(0, 10).Select(i => $"rec{i}".PadRight(40, '-')).ToList();
        var ends = await AppendAll(wal, texts);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i * recordSize), ends);
        Assert.Equal(5, wal.SegmentCount);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{i * 2 * recordSize:D20}.wal"), SegmentFiles());
        Assert.All(SegmentFiles(), name => Assert.Equal(2 * recordSize, new FileInfo(Path.Combine(_directory, name)).Length));

        Assert.Equal(texts, wal.Read(0, long.MaxValue).Select(Text));
        Assert.Equal(texts[3..8], wal.Read(3 * recordSize, 5 * recordSize).Select(Text));
        Assert.Equal(texts, ReadAll(wal, 0, recordSize).Select(Text));
    }

    [Fact]
    public async Task Release_deletes_only_segments_wholly_before_the_position_and_positions_survive_reopen()
    {
        const int recordSize = Header + 40;
        var texts = Enumerable.Range(0, 10).Select(i => $"rec{i}".PadRight(40, '-')).ToList();
        await using (var wal = Open(segmentBytes: 100))
        {
            await AppendAll(wal, texts);
            Assert.Equal(10 * recordSize, wal.RetainedBytes);

            // Segments [0,96) and [96,192) end at or before 240; [192,288) holds record 5 at 240 and stays.
            wal.Release(5 * recordSize);
            Assert.Equal(5 * recordSize, wal.ReleasedPosition);
            Assert.Equal(Enumerable.Range(2, 3).Select(i => $"{i * 2 * recordSize:D20}.wal"), SegmentFiles());
            Assert.Equal(4 * recordSize, wal.FirstPosition);
            Assert.Equal(6 * recordSize, wal.RetainedBytes);
            Assert.Equal(5 * recordSize, wal.PendingBytes(5 * recordSize));

            Assert.Equal(texts[5..], ReadAll(wal, 5 * recordSize).Select(Text));
            Assert.Equal(texts[4..], ReadAll(wal, 0).Select(Text));
        }

        await using (var wal = Open(segmentBytes: 100))
        {
            Assert.Equal(4 * recordSize, wal.FirstPosition);
            Assert.Equal(10 * recordSize, wal.DurablePosition);
            var fromCursor = ReadAll(wal, 5 * recordSize);
            Assert.Equal(texts[5..], fromCursor.Select(Text));
            Assert.Equal(5 * recordSize, fromCursor[0].Position);
            Assert.Equal(11 * recordSize, await wal.AppendAsync(Bytes("rec10".PadRight(40, '-'))));

            // Releasing everything still keeps the active segment.
            wal.Release(wal.DurablePosition);
            Assert.Equal([$"{10 * recordSize:D20}.wal"], SegmentFiles());
            Assert.Equal(["rec10".PadRight(40, '-')], wal.Read(0, 1 << 20).Select(Text));
            Assert.Equal(0, wal.PendingBytes(wal.DurablePosition));
        }
    }

    [Fact]
    public async Task Appends_after_dispose_throw_and_a_second_instance_is_refused_while_open()
    {
        var wal = Open();
        await wal.AppendAsync(Bytes("x"));
        Assert.Throws<IOException>(() => new FileWriteAheadLog(_directory, "other"));
        await wal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await wal.AppendAsync(Bytes("y")));
        Assert.Throws<ObjectDisposedException>(() => wal.Read(0, 100));
        wal.Release(wal.DurablePosition); // a no-op after dispose, so shutdown order does not matter
    }

    [Fact]
    public async Task Cancelled_append_is_not_written_and_empty_records_are_rejected()
    {
        await using var wal = Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wal.AppendAsync(Bytes("never"), cancelled.Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await wal.AppendAsync(ReadOnlyMemory<byte>.Empty));

        using var live = new CancellationTokenSource();
        Assert.Equal(Header + 4, await wal.AppendAsync(Bytes("kept"), live.Token));
        Assert.Equal(["kept"], ReadAll(wal).Select(Text));
    }
}
