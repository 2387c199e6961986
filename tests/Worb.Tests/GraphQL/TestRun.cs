namespace Worb.Tests.GraphQL;

/// <summary>Column values for a test row of <c>runs</c>.</summary>
internal sealed record TestRun
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Notes { get; init; }
    public string? Group { get; init; }
    public string? JobType { get; init; }
    public string? Host { get; init; }
    public string? Program { get; init; }
    public string? Commit { get; init; }
    public string? Sweep { get; init; }
    public string Tags { get; init; } = "[]";
    public string Config { get; init; } = "{}";
    public string Summary { get; init; } = "{}";
    public string SystemMetrics { get; init; } = "{}";
    public string State { get; init; } = "finished";
    public long? ExitCode { get; init; }
    public bool Stopped { get; init; }
    public double CreatedAt { get; init; } = TestStore.T0;
    public double? HeartbeatAt { get; init; }
    public long HistoryLineCount { get; init; }
    public long EventsLineCount { get; init; }
    public long LogLineCount { get; init; }
}
