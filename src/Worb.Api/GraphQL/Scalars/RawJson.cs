namespace Worb.Api.GraphQL.Scalars;

/// <summary>
/// A JSON value that is already rendered as text and must be written verbatim (it may hold bare
/// <c>NaN</c>/<c>Infinity</c> tokens or integers beyond 64 bits, which only a raw write keeps intact).
/// Serialized by <see cref="RawJsonConverter"/>.
/// </summary>
public sealed record RawJson(string Text)
{
    public override string ToString() => Text;
}
