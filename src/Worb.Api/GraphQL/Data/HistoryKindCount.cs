namespace Worb.Api.GraphQL.Data;

/// <summary>A history key, one kind of value it held (the <c>history.kind</c> column) and how often.</summary>
public sealed record HistoryKindCount(string Key, string Kind, long Count);
