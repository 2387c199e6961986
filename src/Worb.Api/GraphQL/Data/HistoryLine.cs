namespace Worb.Api.GraphQL.Data;

/// <summary>One stored wandb-history.jsonl line.</summary>
public sealed record HistoryLine(long LineNumber, long Step, string Content);
