using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>A Relay-style connection with <c>totalCount</c>: <c>edges</c>, <c>pageInfo</c>, <c>totalCount</c>.</summary>
public abstract class CountedConnectionGraphType<TEdgeGraphType, TNode> : ObjectGraphType<CountedConnection<TNode>>
    where TEdgeGraphType : IGraphType
{
    protected CountedConnectionGraphType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeGraphType>>>>("edges").Resolve(c => c.Source.Page.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.Page.EndCursor, c.Source.Page.HasNextPage));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}
