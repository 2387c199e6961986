using Worb.Grains.Interfaces;

namespace Worb.Tests.Store;

public sealed class StoreGrainExtensionsTests
{
    [Fact]
    public async Task Flushing_calls_again_until_the_position_is_stored()
    {
        var store = new SteppingStore(appended: 100, step: 30);

        Assert.Equal(100, await store.FlushAllAsync());
        Assert.Equal(4, store.Calls); // 30, 60, 90, 100
    }

    [Fact]
    public async Task Flushing_stops_when_a_call_stores_nothing_more()
    {
        var store = new SteppingStore(appended: 50, step: 30);

        Assert.Equal(50, await store.FlushToAsync(80)); // the log ends at 50
        Assert.Equal(3, store.Calls); // 30, 50, 50
    }

    /// <summary>A store that gets <c>step</c> further per call, up to what was appended.</summary>
    private sealed class SteppingStore(long appended, long step) : IStoreGrain
    {
        private long _stored;

        public int Calls { get; private set; }

        public Task<long> AppendedUpToAsync() => Task.FromResult(appended);

        public Task<long> StoreUpToAsync(long position)
        {
            Calls++;
            _stored = Math.Min(Math.Min(position, appended), _stored + step);
            return Task.FromResult(_stored);
        }

        public GrainId GetGrainId() => throw new NotSupportedException();
    }
}
