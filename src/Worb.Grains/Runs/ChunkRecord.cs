using System.Buffers.Binary;

namespace Worb.Grains.Runs;

/// <summary>
/// What a run grain appends to the write-ahead log for one file_stream chunk: the run's store id, when the chunk
/// arrived, and the body exactly as received (parsed again when drained, never re-serialized).
/// Layout: [u8 version][i64 run id][i64 unix ms][body].
/// </summary>
public readonly record struct ChunkRecord(long RunId, long ReceivedAtUnixMs, ReadOnlyMemory<byte> Body)
{
    private const byte Version = 1;
    private const int HeaderSize = 1 + 8 + 8;

    /// <summary>The bytes before <see cref="Body"/>; the record is these followed by the body.</summary>
    public byte[] EncodeHeader()
    {
        var header = new byte[HeaderSize];
        header[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(1), RunId);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(9), ReceivedAtUnixMs);
        return header;
    }

    public static ChunkRecord Decode(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length < HeaderSize || span[0] != Version)
        {
            throw new InvalidDataException("Unknown write-ahead log record.");
        }
        return new ChunkRecord(
            BinaryPrimitives.ReadInt64LittleEndian(span[1..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[9..]),
            payload[HeaderSize..]);
    }
}
