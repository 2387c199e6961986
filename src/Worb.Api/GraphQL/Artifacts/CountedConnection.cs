using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>One page of a connection that also reports how many items there are in all (<c>totalCount</c>).</summary>
public sealed record CountedConnection<T>(Connection<T> Page, int TotalCount)
{
    public static CountedConnection<T> Of(IReadOnlyList<T> items, string? after, int? first) =>
        new(Paging.Page(items, after, first), items.Count);
}
