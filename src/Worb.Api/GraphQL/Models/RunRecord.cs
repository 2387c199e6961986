using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Models;

/// <summary>One row of <c>runs</c> with its project's identity: the source of the GraphQL <c>Run</c> type.</summary>
public sealed record RunRecord
{
    public required long Id { get; init; }
    public required ProjectNode Project { get; init; }
    public required string Name { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Notes { get; init; }
    public string? GroupName { get; init; }
    public string? JobType { get; init; }
    public string? Host { get; init; }
    public string? Program { get; init; }
    public string? Commit { get; init; }
    public string? Repo { get; init; }
    public string? Sweep { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Config { get; init; } = "{}";
    public string Summary { get; init; } = "{}";
    public string SystemMetrics { get; init; } = "{}";
    public string State { get; init; } = RunStates.Running;
    public long? ExitCode { get; init; }
    public bool Stopped { get; init; }
    public double CreatedAt { get; init; }
    public double UpdatedAt { get; init; }
    public double HeartbeatAt { get; init; }
    public long HistoryLineCount { get; init; }
    public long EventsLineCount { get; init; }
    public long LogLineCount { get; init; }

    public RunKey Key => new(Project.Entity, Project.Name, Name);
}
