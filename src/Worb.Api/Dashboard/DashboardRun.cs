using System.Text.Json.Nodes;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.Dashboard;

/// <summary>A run as the dashboard shows it: metadata, the state shown, runtime, config and summary.</summary>
public sealed record DashboardRun
{
    public required string Entity { get; init; }
    public required string Project { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public required string State { get; init; }
    public required double CreatedAt { get; init; }
    public required double HeartbeatAt { get; init; }
    public required double RuntimeSeconds { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public string? Group { get; init; }
    public string? JobType { get; init; }
    public string? Host { get; init; }
    public string? Program { get; init; }
    public string? Notes { get; init; }
    public string? Commit { get; init; }
    public string? Repo { get; init; }
    public long? ExitCode { get; init; }
    public bool Stopped { get; init; }
    public long HistoryLineCount { get; init; }
    public long LogLineCount { get; init; }
    public long EventsLineCount { get; init; }

    /// <summary>The config with wandb's <c>{"desc", "value"}</c> wrappers removed, <c>_wandb</c> left out.</summary>
    public required JsonObject Config { get; init; }

    public required JsonObject Summary { get; init; }

    public static DashboardRun From(RunRecord run, string shownState)
    {
        var summary = LenientJsonParser.Parse(run.Summary) as JsonObject ?? [];
        var runtime = summary["_runtime"] is JsonValue value && value.TryGetValue<double>(out var seconds)
            ? seconds
            : Math.Max(0, run.HeartbeatAt - run.CreatedAt);
        return new DashboardRun
        {
            Entity = run.Project.Entity,
            Project = run.Project.Name,
            Name = run.Name,
            DisplayName = run.DisplayName ?? run.Name,
            State = shownState,
            CreatedAt = run.CreatedAt,
            HeartbeatAt = run.HeartbeatAt,
            RuntimeSeconds = runtime,
            Tags = run.Tags,
            Group = run.GroupName,
            JobType = run.JobType,
            Host = run.Host,
            Program = run.Program,
            Notes = run.Notes,
            Commit = run.Commit,
            Repo = run.Repo,
            ExitCode = run.ExitCode,
            Stopped = run.Stopped,
            HistoryLineCount = run.HistoryLineCount,
            LogLineCount = run.LogLineCount,
            EventsLineCount = run.EventsLineCount,
            Config = UnwrapConfig(LenientJsonParser.Parse(run.Config) as JsonObject),
            Summary = summary,
        };
    }

    private static JsonObject UnwrapConfig(JsonObject? config)
    {
        var plain = new JsonObject();
        foreach (var (name, node) in config ?? [])
        {
            if (name == "_wandb")
            {
                continue;
            }
            var value = node is JsonObject wrapped && wrapped.ContainsKey("value") ? wrapped["value"] : node;
            plain[name] = value?.DeepClone();
        }
        return plain;
    }
}
