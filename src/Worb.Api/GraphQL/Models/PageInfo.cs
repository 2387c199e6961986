namespace Worb.Api.GraphQL.Models;

/// <summary>A connection page's position: the last cursor and whether more follow.</summary>
public sealed record PageInfo(string? EndCursor, bool HasNextPage);
