namespace Worb.Api.GraphQL.Models;

/// <summary>A stored project (the GraphQL <c>Project</c>, also reached as <c>model</c>).</summary>
public sealed record ProjectNode(long Id, string Entity, string Name, double CreatedAt);
