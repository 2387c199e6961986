namespace Worb.Api.GraphQL.Models;

/// <summary>One page of a Relay-style connection.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage)
{
    public string? EndCursor => Edges.Count == 0 ? null : Edges[^1].Cursor;

    public static Connection<T> Empty { get; } = new([], false);
}
