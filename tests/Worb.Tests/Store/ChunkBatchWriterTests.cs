using System.Globalization;

namespace Worb.Tests.Store;

/// <summary>The store's multi-row inserts write exactly the rows the line-at-a-time design did.</summary>
public sealed class ChunkBatchWriterTests
{
    [Fact]
    public async Task Stores_every_line_and_value_of_a_large_batch_exactly()
    {
        await using var store = await HistoryStore.CreateAsync();
        const int steps = 1_234; // not a multiple of the 500 rows per statement
        var lines = Enumerable.Range(0, steps).Select(Line).ToList();

        var stats = await store.WriteAsync(0, lines, chunks: 4);

        Assert.Equal(steps, stats.Lines);
        Assert.Equal(steps * 5, stats.Values);
        var stored = await store.RowsAsync("SELECT line_no, step, content FROM history_lines ORDER BY line_no");
        Assert.Equal(lines, stored.Select(r => (string)r[2]!));
        Assert.Equal(Enumerable.Range(0, steps).Select(s => (long)s * 2), stored.Select(r => (long)r[1]!));

        var values = await store.RowsAsync("""
            SELECT k.name, h.step, h.value, h.json, h.kind FROM history h JOIN metric_keys k ON k.id = h.key_id
            ORDER BY k.name, h.step
            """);
        Assert.Equal(steps * 5, values.Count);
        var byKey = values.ToLookup(r => (string)r[0]!);
        Assert.Equal(Enumerable.Range(0, steps).Select(s => s * 0.5), byKey["loss"].Select(r => (double)r[2]!));
        Assert.All(byKey["loss"], r => Assert.Null(r[4])); // NULL kind: a number
        Assert.All(byKey["nan"], r => Assert.Null(r[4]));
        Assert.All(byKey["nan"], r => Assert.Null(r[2]));
        Assert.All(byKey["nan"], r => Assert.Equal("NaN", r[3]));
        Assert.All(byKey["big"], r => Assert.Equal("18446744073709551617", r[3]));
        Assert.All(byKey["phase"], r => Assert.Equal(("\"train\"", "string"), ((string)r[3]!, (string)r[4]!)));
        Assert.Equal(steps, byKey["_step"].Count());
    }

    [Fact]
    public async Task A_step_sent_twice_in_one_batch_keeps_the_last_value()
    {
        await using var store = await HistoryStore.CreateAsync();
        var first = Enumerable.Range(0, 600).Select(s => $"{{\"loss\": 1, \"_step\": {s}}}").ToList();
        var second = Enumerable.Range(0, 600).Select(s => $"{{\"loss\": 2, \"_step\": {s}}}").ToList();

        await store.WriteAsync(0, [.. first, .. second]); // offsets 600.. repeat steps 0..599

        var values = await store.RowsAsync("SELECT step, value FROM history WHERE key_id = (SELECT id FROM metric_keys WHERE name = 'loss')");
        Assert.Equal(600, values.Count);
        Assert.All(values, r => Assert.Equal(2.0, r[1]));
        var blocks = await store.RowsAsync("SELECT SUM(value_count), MIN(min_value), MAX(max_value) FROM history_blocks WHERE key_id = (SELECT id FROM metric_keys WHERE name = 'loss')");
        Assert.Equal([600L, 2.0, 2.0], blocks[0]);
    }

    private static string Line(int i) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"loss\": {i * 0.5}, \"nan\": NaN, \"big\": 18446744073709551617, \"phase\": \"train\", \"_step\": {i * 2}}}");
}
