namespace Worb.EndToEnd.Tests.Replay;

/// <summary>What a user should see of one run after a recording was replayed, computed from the REQUESTS only.</summary>
public sealed class ExpectedRun(string project, string name)
{
    public string Project { get; } = project;

    /// <summary>The run id (<c>name</c> in UpsertBucket, the last path segment before file_stream).</summary>
    public string Name { get; } = name;

    public string? DisplayName { get; set; }
    public IReadOnlyList<string>? Tags { get; set; }
    public string? Notes { get; set; }
    public string? Group { get; set; }
    public string? JobType { get; set; }

    /// <summary>The last non-null config JSON string sent in UpsertBucket.</summary>
    public string? ConfigJson { get; set; }

    /// <summary>The last wandb-summary.json line sent through file_stream.</summary>
    public string? SummaryLine { get; set; }

    public SortedDictionary<long, string> HistoryLines { get; } = [];
    public SortedDictionary<long, string> EventsLines { get; } = [];
    public SortedDictionary<long, string> OutputLines { get; } = [];

    /// <summary>The exit code of the final <c>complete: true</c> message, or null when none was sent.</summary>
    public int? ExitCode { get; set; }
    public bool Completed { get; set; }

    public List<ExpectedAlert> Alerts { get; } = [];

    /// <summary>running / finished / failed, as the public API's <c>state</c> should show it.</summary>
    public string ExpectedState => !Completed ? "running" : ExitCode == 0 ? "finished" : "failed";

    public override string ToString() => $"{Project}/{Name}";
}

public sealed record ExpectedAlert(string Title, string Text, string Severity, long? WaitDurationMs);
