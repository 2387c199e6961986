namespace Worb.Api.GraphQL.Models;

/// <summary>One connection edge: the node and its opaque cursor.</summary>
public sealed record Edge<T>(T Node, string Cursor);
