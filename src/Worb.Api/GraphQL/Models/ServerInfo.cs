namespace Worb.Api.GraphQL.Models;

/// <summary>The <c>serverInfo</c> root object.</summary>
public sealed record ServerInfo(string Version);
