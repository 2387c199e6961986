using System.Collections;

namespace Worb.Api.GraphQL.Data;

/// <summary>The steps <see cref="First"/>, <see cref="First"/> + 1, ... as a list, without storing them.</summary>
public sealed class ContiguousSteps(long first, int count) : IReadOnlyList<long>
{
    public long First { get; } = first;

    public int Count { get; } = count;

    public long this[int index] => (uint)index < (uint)Count ? First + index : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return First + i;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
