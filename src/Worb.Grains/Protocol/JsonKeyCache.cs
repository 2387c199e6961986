namespace Worb.Grains.Protocol;

/// <summary>
/// Hands out one string per distinct member name, looked up by the name's characters, so scanning millions of
/// history lines that repeat the same fifty keys allocates no key strings. Bounded: past
/// <see cref="MaxEntries"/> names (a client logging ever-new keys), the scanner allocates as it would without it.
/// Not thread-safe: one per reader.
/// </summary>
public sealed class JsonKeyCache
{
    public const int MaxEntries = 16_384;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public JsonKeyCache() => _bySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The cached string equal to <paramref name="name"/>, or null when the cache is full and lacks it.</summary>
    public string? Get(ReadOnlySpan<char> name)
    {
        if (_bySpan.TryGetValue(name, out var cached))
        {
            return cached;
        }
        if (_names.Count >= MaxEntries)
        {
            return null;
        }
        var created = name.ToString();
        _names.Add(created);
        return created;
    }
}
