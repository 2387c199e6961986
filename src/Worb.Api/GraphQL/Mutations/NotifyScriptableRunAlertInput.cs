namespace Worb.Api.GraphQL.Mutations;

public sealed class NotifyScriptableRunAlertInput : RunRef
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? Severity { get; set; }
    public long? WaitDuration { get; set; }
}
