namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// The response keys that the leniency pass removed from one selection set, and the same for the selection sets
/// nested below it. After execution every removed key is answered <c>null</c> at the matching place of the result.
/// </summary>
internal sealed class NullPatch
{
    private readonly Dictionary<string, RemovedKey> _nulls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NullPatch> _children = new(StringComparer.Ordinal);

    /// <summary>Removed response keys of this selection set, in the order they were first removed.</summary>
    public IEnumerable<RemovedKey> Nulls => _nulls.Values;

    /// <summary>Patches for the kept fields (by response key) whose own selection sets lost something.</summary>
    public IReadOnlyDictionary<string, NullPatch> Children => _children;

    public bool IsEmpty => _nulls.Count == 0 && _children.Count == 0;

    /// <summary>True when some removed key applies only to objects of a certain type.</summary>
    public bool HasConditions { get; private set; }

    /// <summary>Number of removed keys in this patch and below it.</summary>
    public int Count => _nulls.Count + _children.Values.Sum(child => child.Count);

    /// <summary>
    /// Records that <paramref name="responseKey"/> was removed. <paramref name="typeCondition"/> names the type the
    /// enclosing fragment was restricted to (<see langword="null"/>: the key applies to every object here).
    /// </summary>
    public void AddNull(string responseKey, string? typeCondition)
    {
        if (_nulls.TryGetValue(responseKey, out var existing) &&
            (existing.TypeCondition is null || string.Equals(existing.TypeCondition, typeCondition, StringComparison.Ordinal)))
        {
            return;
        }

        // Two different conditions for the same key: answering it for every object is the lenient choice.
        var condition = existing is null ? typeCondition : null;
        _nulls[responseKey] = new RemovedKey(responseKey, condition);
        HasConditions |= condition is not null;
    }

    /// <summary>The patch for the kept field <paramref name="responseKey"/>, created when missing.</summary>
    public NullPatch Child(string responseKey)
    {
        if (!_children.TryGetValue(responseKey, out var child))
        {
            child = new NullPatch();
            _children.Add(responseKey, child);
        }

        return child;
    }

    /// <summary>
    /// Merges <paramref name="other"/> (the patch of a fragment) into this one. Keys of <paramref name="other"/> that
    /// carry no condition of their own take <paramref name="typeCondition"/>.
    /// </summary>
    public void MergeFrom(NullPatch other, string? typeCondition)
    {
        foreach (var removed in other.Nulls)
        {
            AddNull(removed.ResponseKey, removed.TypeCondition ?? typeCondition);
        }

        foreach (var (key, child) in other.Children)
        {
            if (!child.IsEmpty)
            {
                Child(key).MergeFrom(child, typeCondition: null);
            }
        }
    }
}

/// <summary>A removed response key and the type condition under which it was selected (if any).</summary>
internal sealed record RemovedKey(string ResponseKey, string? TypeCondition);
