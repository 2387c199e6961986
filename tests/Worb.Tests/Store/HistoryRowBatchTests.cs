using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Worb.Grains.Protocol;
using Worb.Grains.Storage;

namespace Worb.Tests.Store;

/// <summary>The batch hands out exactly what sorting every value by (run, key, step) and keeping the last one sent would.</summary>
public sealed class HistoryRowBatchTests
{
    [Property(MaxTest = 500)]
    public Property Orders_by_run_key_step_and_keeps_the_last_value_of_each_cell() =>
        Prop.ForAll(Values().ToArbitrary(), values =>
        {
            var batch = new HistoryRowBatch();
            foreach (var (run, key, step, number) in values)
            {
                batch.Add(run, key, step, new HistoryValue(number, null, HistoryValue.NumberKind));
            }
            var expected = values
                .Select((v, arrival) => (v.Run, v.Key, v.Step, v.Number, arrival))
                .GroupBy(v => (v.Run, v.Key, v.Step))
                .Select(cell => cell.MaxBy(v => v.arrival))
                .OrderBy(v => v.Run).ThenBy(v => v.Key).ThenBy(v => v.Step)
                .Select(v => (v.Run, v.Key, v.Step, v.Number))
                .ToList();
            var actual = batch.Sorted().ToArray().Select(r => (r.RunId, r.KeyId, r.Step, r.Value.Number!.Value)).ToList();
            return expected.SequenceEqual(actual);
        });

    [Fact]
    public void Forgets_a_cleared_batch()
    {
        var batch = new HistoryRowBatch();
        batch.Add(1, 1, 0, new HistoryValue(1, null, HistoryValue.NumberKind));
        batch.Add(1, 1, 1, new HistoryValue(2, null, HistoryValue.NumberKind));
        _ = batch.Sorted();
        batch.Clear();
        batch.Add(2, 5, 7, new HistoryValue(3, null, HistoryValue.NumberKind));

        var rows = batch.Sorted().ToArray();

        Assert.Equal(1, batch.Count);
        Assert.Equal((2L, 5L, 7L, 3d), (rows.Single().RunId, rows.Single().KeyId, rows.Single().Step, rows.Single().Value.Number!.Value));
    }

    [Fact]
    public void Clears_a_batch_that_grew_but_was_never_sorted()
    {
        var batch = new HistoryRowBatch();
        for (var step = 0; step < 10_000; step++) // past the first buffers, as in a batch that failed mid-way
        {
            batch.Add(1, 1, step, new HistoryValue(step, null, HistoryValue.NumberKind));
        }

        batch.Clear();

        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.Sorted().ToArray());
    }

    [Fact]
    public void Keeps_series_that_arrive_in_order_without_reordering_and_sorts_one_that_went_back()
    {
        var batch = new HistoryRowBatch();
        foreach (var step in new long[] { 0, 1, 2, 3 })
        {
            batch.Add(2, 1, step, new HistoryValue(step, null, HistoryValue.NumberKind));
            batch.Add(1, 1, 3 - step, new HistoryValue(3 - step, null, HistoryValue.NumberKind)); // went back
        }

        var rows = batch.Sorted().ToArray();

        Assert.Equal([(1L, 0L), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1), (2, 2), (2, 3)], rows.Select(r => (r.RunId, r.Step)));
    }

    /// <summary>Up to 300 values over 3 runs × 4 keys, steps mostly rising with repeats and steps that go back.</summary>
    private static Gen<List<(long Run, long Key, long Step, double Number)>> Values() =>
        Gen.Choose(0, 300).SelectMany(count =>
            Gen.Choose(1, 3).SelectMany(run => Gen.Choose(1, 4).SelectMany(key => Gen.Choose(-2, 5).Select(delta => (run, key, delta))))
                .ListOf(count)
                .Select(draws =>
                {
                    var step = 0L;
                    return draws.Select((d, i) =>
                    {
                        step = Math.Max(0, step + d.Item3);
                        return ((long)d.Item1, (long)d.Item2, step, (double)i);
                    }).ToList();
                }));
}
