namespace Worb.Api.GraphQL.Models;

/// <summary>A stored <c>wandb.alert()</c>; <see cref="WaitDurationMs"/> is the client's wait_duration in milliseconds.</summary>
public sealed record AlertNode(string Title, string Text, string Severity, long? WaitDurationMs, double CreatedAt);
