using Worb.Api;

namespace Worb.Tests.Protocol;

public sealed class PooledBodyTests
{
    [Fact]
    public void Grows_past_its_first_buffer_and_keeps_every_byte_in_order()
    {
        var expected = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        using var body = new PooledBody(initialCapacity: 16);
        var written = 0;
        while (written < expected.Length)
        {
            var space = body.FreeSpace();
            var count = Math.Min(Math.Min(space.Length, 1_000), expected.Length - written);
            expected.AsSpan(written, count).CopyTo(space.Span);
            body.Advance(count);
            written += count;
        }

        Assert.Equal(expected.Length, body.Length);
        Assert.True(body.Memory.Span.SequenceEqual(expected));
    }

    [Fact]
    public void A_disposed_body_refuses_to_be_read()
    {
        var body = new PooledBody(8);
        body.Dispose();
        body.Dispose(); // twice is fine

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }
}
