namespace Worb.Api.GraphQL.Models;

/// <summary>An API key of the viewer (Worb lists none).</summary>
public sealed record ApiKeyNode(string Id, string Name);
