using System.Buffers;

namespace Worb.Api;

/// <summary>A request body in an array rented from <see cref="ArrayPool{T}.Shared"/>; disposing returns it.</summary>
public sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    public PooledBody(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, initialCapacity));

    public int Length { get; private set; }

    /// <summary>The bytes read so far; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>Room for the next read, grown (doubling) when the buffer is full.</summary>
    public Memory<byte> FreeSpace()
    {
        if (Length == Buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Buffer.Length * 2);
            Buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Buffer);
            _buffer = larger;
        }
        return Buffer.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
