using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

/// <summary>A connection edge type: <c>node</c> and <c>cursor</c>.</summary>
public abstract class EdgeGraphType<TNodeGraphType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeGraphType : IGraphType
{
    protected EdgeGraphType(string name)
    {
        Name = name;
        Field<TNodeGraphType>("node").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
    }
}
