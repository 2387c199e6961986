using Worb.Grains.Protocol;

namespace Worb.Tests.Protocol;

public sealed class JsonKeyCacheTests
{
    [Fact]
    public void Scanning_with_a_cache_gives_every_line_the_same_key_strings()
    {
        var keys = new JsonKeyCache();
        var first = new List<JsonMember>();
        var second = new List<JsonMember>();

        Assert.True(JsonLineScanner.TryScanObject("""{"loss": 1, "acc": 0.5, "esc\"aped": 2}""", first, out _, keys));
        Assert.True(JsonLineScanner.TryScanObject("""{"loss": 2, "acc": 0.25, "esc\"aped": 3}""", second, out _, keys));

        Assert.Equal(["loss", "acc", "esc\"aped"], first.Select(m => m.Key));
        Assert.Same(first[0].Key, second[0].Key);
        Assert.Same(first[1].Key, second[1].Key);
        Assert.Equal(first[2].Key, second[2].Key); // a key with escapes is unescaped, not cached
    }

    [Fact]
    public void Stops_adding_names_when_full_but_still_answers_the_ones_it_has()
    {
        var keys = new JsonKeyCache();
        for (var i = 0; i < JsonKeyCache.MaxEntries; i++)
        {
            Assert.NotNull(keys.Get($"k{i}"));
        }

        Assert.Null(keys.Get("one more"));
        Assert.Equal("k7", keys.Get("k7"));
        var members = new List<JsonMember>();
        Assert.True(JsonLineScanner.TryScanObject("""{"one more": 1}""", members, out _, keys));
        Assert.Equal("one more", members.Single().Key);
    }
}
