namespace Worb.Api.GraphQL;

/// <summary>Picks at most N of a list's positions, evenly spread, always keeping the first and the last.</summary>
public static class EvenSampler
{
    /// <summary>The chosen positions in ascending order; every position when <paramref name="samples"/> is null.</summary>
    public static IReadOnlyList<int> Positions(int count, int? samples)
    {
        if (samples is null || count <= samples.Value)
        {
            return Enumerable.Range(0, count).ToList();
        }
        if (samples.Value <= 0)
        {
            return [];
        }
        if (samples.Value == 1)
        {
            return [0];
        }
        var positions = new List<int>(samples.Value);
        var stride = (count - 1) / (double)(samples.Value - 1);
        for (var i = 0; i < samples.Value; i++)
        {
            var position = (int)Math.Round(i * stride, MidpointRounding.AwayFromZero);
            if (positions.Count == 0 || positions[^1] < position)
            {
                positions.Add(Math.Min(position, count - 1));
            }
        }
        return positions;
    }

    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int? samples) =>
        Positions(items.Count, samples).Select(i => items[i]).ToList();
}
