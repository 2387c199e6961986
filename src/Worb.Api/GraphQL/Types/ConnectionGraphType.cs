using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

/// <summary>A Relay-style connection type: <c>edges</c> and <c>pageInfo</c>.</summary>
public abstract class ConnectionGraphType<TEdgeGraphType, TNode> : ObjectGraphType<Connection<TNode>>
    where TEdgeGraphType : IGraphType
{
    protected ConnectionGraphType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeGraphType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Resolve(c => new PageInfo(c.Source.EndCursor, c.Source.HasNextPage));
    }
}
