using Worb.Api.GraphQL.Data;

namespace Worb.Tests.Store;

/// <summary>
/// The steps sampledHistory samples from: every step where all keys were logged, whether a key is dense (proved by its
/// block summaries, no scan) or sparse, NaN or text (scanned), and within [minStep, maxStep).
/// </summary>
public sealed class HistoryStepReaderTests
{
    private const int Steps = 1_000;

    [Theory]
    [InlineData(new[] { "dense" }, null, null)]
    [InlineData(new[] { "dense" }, 10L, 900L)]
    [InlineData(new[] { "dense", "_step" }, 70L, 71L)]
    [InlineData(new[] { "late" }, null, null)] // dense from step 300 on
    [InlineData(new[] { "dense", "late" }, 100L, 500L)]
    [InlineData(new[] { "third" }, null, null)]
    [InlineData(new[] { "third", "dense", "late" }, 5L, 800L)]
    [InlineData(new[] { "third", "fifth" }, null, null)]
    [InlineData(new[] { "nan" }, null, null)] // a number everywhere but NaN on every 7th step: present on all
    [InlineData(new[] { "text", "dense" }, 0L, 64L)] // a string on every step: present, never a number
    [InlineData(new[] { "dense", "never" }, null, null)]
    [InlineData(new[] { "dense" }, 500L, 500L)] // empty range
    public async Task Steps_are_those_where_every_key_was_logged(string[] keys, long? minStep, long? maxStep)
    {
        await using var store = await HistoryStore.CreateAsync();
        for (var start = 0; start < Steps; start += 250)
        {
            await store.WriteAsync(start, Enumerable.Range(start, 250).Select(Line).ToList());
        }

        var steps = await new HistoryStepReader(store.Database).ReadStepsWithAllKeysAsync(store.RunId, keys, minStep, maxStep, CancellationToken.None);

        var expected = Enumerable.Range(0, Steps)
            .Where(s => s >= (minStep ?? long.MinValue) && s < (maxStep ?? long.MaxValue))
            .Where(s => keys.All(k => Has(k, s)))
            .Select(s => (long)s);
        Assert.Equal(expected, steps);
    }

    private static bool Has(string key, int step) => key switch
    {
        "dense" or "nan" or "text" or "_step" => true,
        "late" => step >= 300,
        "third" => step % 3 == 0,
        "fifth" => step % 5 == 0,
        _ => false,
    };

    private static string Line(int step)
    {
        var members = new List<string> { $"\"dense\": {step}.5", $"\"nan\": {(step % 7 == 0 ? "NaN" : step.ToString(System.Globalization.CultureInfo.InvariantCulture))}", "\"text\": \"t\"" };
        if (Has("late", step))
        {
            members.Add($"\"late\": {step}");
        }
        if (Has("third", step))
        {
            members.Add($"\"third\": {step}");
        }
        if (Has("fifth", step))
        {
            members.Add($"\"fifth\": {step}");
        }
        members.Add($"\"_step\": {step}");
        return "{" + string.Join(", ", members) + "}";
    }
}
