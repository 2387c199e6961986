namespace Worb.Grains.Interfaces;

/// <summary>What the run grain knows about its run: identity, stored metadata and live counters.</summary>
[GenerateSerializer, Immutable]
public sealed record RunSnapshot
{
    /// <summary>The run's integer id in the store.</summary>
    [Id(0)] public long RunId { get; init; }
    [Id(1)] public required RunKey Key { get; init; }
    [Id(2)] public string? DisplayName { get; init; }
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public string? Notes { get; init; }
    [Id(5)] public string ConfigJson { get; init; } = "{}";
    [Id(6)] public string? Sweep { get; init; }
    [Id(7)] public long HistoryLineCount { get; init; }
    [Id(8)] public long EventsLineCount { get; init; }
    [Id(9)] public long LogLineCount { get; init; }
    [Id(10)] public string State { get; init; } = RunStates.Running;
    [Id(11)] public bool Stopped { get; init; }
    [Id(12)] public IReadOnlyList<string> Tags { get; init; } = [];
}

public static class RunStates
{
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Crashed = "crashed";
    public const string Preempting = "preempting";
}
