namespace Worb.Api.GraphQL.Models;

/// <summary>An entity (user or team namespace) by name.</summary>
public sealed record EntityNode(string Name);
