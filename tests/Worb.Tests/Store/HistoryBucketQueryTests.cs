using System.Globalization;
using Worb.Grains.Storage;
using Worb.Grains.Storage.Queries;

namespace Worb.Tests.Store;

/// <summary>The chart buckets are exact: compared with buckets computed from the logged values directly.</summary>
public sealed class HistoryBucketQueryTests
{
    [Theory]
    [InlineData(10_000, 1500, null, null)] // 6.7 steps per bucket: read from the rows
    [InlineData(10_000, 37, null, null)] // 271 steps per bucket: read from the blocks
    [InlineData(10_000, 100, 1_000L, 9_000L)] // block-aligned range
    [InlineData(10_000, 7, 130L, 8_765L)] // partial blocks at both ends
    [InlineData(10_000, 1, null, null)]
    [InlineData(10_000, 3, 5_000L, 5_000L)] // one step
    [InlineData(100_000, 7, null, null)] // 14,286 steps per bucket: read from the 4,096-step blocks
    [InlineData(100_000, 5, 130L, 98_765L)] // coarse blocks inside, fine blocks and rows at both ends
    [InlineData(100_000, 20, 4_000L, 45_000L)] // 2,050 steps per bucket: fine blocks only
    public async Task Buckets_hold_exact_first_last_min_max_count(int steps, int buckets, long? minStep, long? maxStep)
    {
        await using var store = await HistoryStore.CreateAsync();
        var values = Values(steps, seed: steps + buckets);
        // Several batches, so blocks are merged across transactions.
        for (var start = 0; start < steps; start += 2_500)
        {
            await store.WriteAsync(start, Lines(values, start, Math.Min(steps, start + 2_500)), chunks: 3);
        }

        var actual = await QueryAsync(store, minStep, maxStep, buckets);

        Assert.InRange(actual.Count, 1, buckets);
        Assert.Equal(Expected(values, minStep ?? 0, maxStep ?? steps - 1, actual), actual);
    }

    [Fact]
    public async Task Buckets_cover_every_value_once_and_in_order()
    {
        await using var store = await HistoryStore.CreateAsync();
        var values = Values(100_000, seed: 5);
        for (var start = 0; start < values.Length; start += 20_000)
        {
            await store.WriteAsync(start, Lines(values, start, start + 20_000));
        }

        var actual = await QueryAsync(store, null, null, 1_500);

        Assert.InRange(actual.Count, 750, 1_500); // widths are whole 64-step blocks: never more, at least half as many
        Assert.Equal(values.Length, actual.Sum(b => b.Count));
        Assert.Equal(values.Min(), actual.Min(b => b.Min));
        Assert.Equal(values.Max(), actual.Max(b => b.Max));
        Assert.Equal(values[^1], actual[^1].Last);
        Assert.True(actual.Zip(actual.Skip(1)).All(p => p.First.LastStep < p.Second.FirstStep));
    }

    [Fact]
    public async Task Replayed_and_rewritten_steps_keep_the_blocks_exact()
    {
        await using var store = await HistoryStore.CreateAsync();
        var values = Values(1_000, seed: 9);
        await store.WriteAsync(0, Lines(values, 0, 1_000));
        await store.WriteAsync(0, Lines(values, 0, 1_000)); // a replay: nothing counted twice
        values[500] = 1_000; // a re-sent step with another value, and one that goes back to NaN
        values[10] = double.NaN;
        await store.WriteAsync(500, Lines(values, 500, 501));
        await store.WriteAsync(10, Lines(values, 10, 11));

        var actual = await QueryAsync(store, null, null, 4);

        Assert.Equal(Expected(values, 0, 999, actual), actual);
        Assert.Equal(999, actual.Sum(b => b.Count)); // the NaN is not a value
        Assert.Equal(1_000, actual.Max(b => b.Max));
    }

    [Fact]
    public async Task Non_numeric_values_are_not_counted_and_unknown_keys_have_no_buckets()
    {
        await using var store = await HistoryStore.CreateAsync();
        var lines = Enumerable.Range(0, 300).Select(s => s % 3 == 0
            ? $"{{\"loss\": \"n/a\", \"_step\": {s}}}"
            : $"{{\"loss\": {s}, \"_step\": {s}}}").ToList();
        await store.WriteAsync(0, lines);
        var query = new HistoryBucketQuery(store.Database);

        var buckets = await query.QueryAsync(store.RunId, "loss", null, null, 2).ToListAsync();
        var none = await query.QueryAsync(store.RunId, "no-such-key", null, null, 2).ToListAsync();

        Assert.Equal(200, buckets.Sum(b => b.Count));
        Assert.Equal(1, buckets[0].FirstStep);
        Assert.Equal(299, buckets[^1].LastStep);
        Assert.Equal(299, buckets[^1].Last);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(1_000, 100, 4)] // fine blocks
    [InlineData(30_000, 5_000, 3)] // coarse blocks, one of them without an infinity
    public async Task Finite_only_leaves_out_infinities_even_inside_whole_blocks(int steps, int every, int buckets)
    {
        await using var store = await HistoryStore.CreateAsync();
        var lines = Enumerable.Range(0, steps).Select(s => s % every == 7
            ? $"{{\"loss\": {(s % (2 * every) == 7 ? "Infinity" : "-Infinity")}, \"_step\": {s}}}"
            : $"{{\"loss\": {s}, \"_step\": {s}}}").ToList();
        await store.WriteAsync(0, lines);
        var query = new HistoryBucketQuery(store.Database);
        var keyId = (await query.FindKeyAsync("loss"))!.Value;

        var all = await query.QueryAsync(store.RunId, keyId, null, null, buckets).ToListAsync();
        var finite = await query.QueryAsync(store.RunId, keyId, null, null, buckets, finiteOnly: true).ToListAsync();

        var infinities = steps / every;
        Assert.Equal(steps, all.Sum(b => b.Count));
        Assert.Equal(double.NegativeInfinity, all.Min(b => b.Min));
        Assert.Equal(steps - infinities, finite.Sum(b => b.Count));
        Assert.Equal(all.Select(b => (b.FirstStep, b.LastStep)), finite.Select(b => (b.FirstStep, b.LastStep)));
        var finiteSteps = Enumerable.Range(0, steps).Where(s => s % every != 7).ToList();
        foreach (var bucket in finite)
        {
            var inBucket = finiteSteps.Where(s => s >= bucket.FirstStep && s <= bucket.LastStep).ToList();
            Assert.Equal(new HistoryBucket(inBucket[0], inBucket[^1], inBucket[^1], inBucket[0], inBucket[^1], inBucket.Count), bucket);
        }
    }

    [Fact]
    public async Task Deleting_a_run_deletes_its_block_summaries()
    {
        await using var store = await HistoryStore.CreateAsync();
        await store.WriteAsync(0, Lines(Values(5_000, seed: 1), 0, 5_000));
        Assert.NotEmpty(await store.RowsAsync("SELECT 1 FROM history_blocks_4096"));

        await new RunRepository(store.Database, TimeProvider.System).DeleteAsync(store.RunId);

        Assert.Empty(await store.RowsAsync("SELECT 1 FROM history_blocks UNION ALL SELECT 1 FROM history_blocks_4096"));
    }

    private static async Task<List<HistoryBucket>> QueryAsync(HistoryStore store, long? minStep, long? maxStep, int buckets) =>
        await new HistoryBucketQuery(store.Database).QueryAsync(store.RunId, "loss", minStep, maxStep, buckets).ToListAsync();

    private static double[] Values(int steps, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, steps).Select(_ => Math.Round(random.NextDouble() * 100 - 50, 6)).ToArray();
    }

    private static List<string> Lines(double[] values, int from, int to) =>
        Enumerable.Range(from, to - from).Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{{\"loss\": {(double.IsNaN(values[s]) ? "NaN" : values[s].ToString("R", CultureInfo.InvariantCulture))}, \"acc\": 1, \"_step\": {s}}}")).ToList();

    /// <summary>Brute force over the values, with the bucket boundaries the query chose (each answer bucket's step range must hold exactly these).</summary>
    private static List<HistoryBucket> Expected(double[] values, long lo, long hi, List<HistoryBucket> answer)
    {
        var expected = new List<HistoryBucket>();
        for (var i = 0; i < answer.Count; i++)
        {
            // The bucket's span reaches back to just after the previous answer bucket (gaps hold no values).
            var from = i == 0 ? lo : answer[i - 1].LastStep + 1;
            var to = i + 1 < answer.Count ? answer[i + 1].FirstStep - 1 : hi;
            var inBucket = Enumerable.Range((int)from, (int)(to - from + 1))
                .Where(s => !double.IsNaN(values[s]))
                .Where(s => s >= answer[i].FirstStep && s <= answer[i].LastStep)
                .ToList();
            // Nothing between the buckets may be a value: their ranges tile [lo, hi].
            Assert.All(Enumerable.Range((int)from, (int)(to - from + 1)).Where(s => s < answer[i].FirstStep || s > answer[i].LastStep),
                s => Assert.True(double.IsNaN(values[s]), $"step {s} is outside every bucket"));
            expected.Add(new HistoryBucket(inBucket[0], inBucket[^1], values[inBucket[^1]],
                inBucket.Min(s => values[s]), inBucket.Max(s => values[s]), inBucket.Count));
        }
        return expected;
    }
}
