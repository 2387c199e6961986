using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// Computes, from the request bodies of a recording (never from its answers), what each run should look like
/// afterwards: metadata from UpsertBucket (null = unchanged), lines by offset from file_stream (a later line at the
/// same offset overwrites), the summary from the last wandb-summary.json line, the end state from the final message.
/// </summary>
public static class RecordingExpectations
{
    public const string HistoryFile = "wandb-history.jsonl";
    public const string SummaryFile = "wandb-summary.json";
    public const string EventsFile = "wandb-events.jsonl";
    public const string OutputFile = "output.log";

    /// <summary>The runs in order of first appearance; <paramref name="include"/> limits the requests considered.</summary>
    public static IReadOnlyList<ExpectedRun> Compute(TrafficRecording recording, Func<TrafficRecord, bool>? include = null)
    {
        var runs = new Dictionary<string, ExpectedRun>(StringComparer.Ordinal);
        var order = new List<ExpectedRun>();

        ExpectedRun RunFor(string project, string name)
        {
            if (!runs.TryGetValue(name, out var run))
            {
                run = new ExpectedRun(project, name);
                runs[name] = run;
                order.Add(run);
            }
            return run;
        }

        foreach (var record in recording.Records)
        {
            if (SpineScope.SkipReason(record) is not null || (include is not null && !include(record)))
            {
                continue;
            }
            if (record.IsGraphQl && record.OperationName == "UpsertBucket")
            {
                ApplyUpsert(record.Variables, RunFor);
            }
            else if (record.IsGraphQl && record.OperationName == "NotifyScriptableRunAlert")
            {
                var v = record.Variables;
                if (runs.TryGetValue(Text(v["runName"]) ?? "", out var run))
                {
                    run.Alerts.Add(new ExpectedAlert(
                        Text(v["title"]) ?? "",
                        Text(v["text"]) ?? "",
                        Text(v["severity"]) ?? "INFO",
                        v["waitDuration"] is JsonValue wait ? wait.GetValue<long>() : null));
                }
            }
            else if (record.IsFileStream && record.Body is JsonObject body)
            {
                var (_, project, name) = record.FileStreamTarget();
                ApplyFileStream(RunFor(project, name), body);
            }
        }
        return order;
    }

    private static void ApplyUpsert(JsonObject variables, Func<string, string, ExpectedRun> runFor)
    {
        var name = Text(variables["name"]);
        var project = Text(variables["project"]);
        if (name is null || project is null)
        {
            return;
        }
        var run = runFor(project, name);
        run.DisplayName = Text(variables["displayName"]) ?? run.DisplayName;
        run.Notes = Text(variables["notes"]) ?? run.Notes;
        run.Group = Text(variables["groupName"]) ?? run.Group;
        run.JobType = Text(variables["jobType"]) ?? run.JobType;
        run.ConfigJson = Text(variables["config"]) ?? run.ConfigJson;
        if (variables["tags"] is JsonArray tags)
        {
            run.Tags = tags.Select(t => t?.GetValue<string>() ?? "").ToList();
        }
    }

    private static void ApplyFileStream(ExpectedRun run, JsonObject body)
    {
        if (body["files"] is JsonObject files)
        {
            foreach (var (fileName, chunk) in files)
            {
                var offset = chunk?["offset"]?.GetValue<long>() ?? 0;
                var content = (chunk?["content"] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? "").ToList();
                switch (fileName)
                {
                    case SummaryFile:
                        if (content.Count > 0)
                        {
                            run.SummaryLine = content[^1];
                        }
                        break;
                    case HistoryFile:
                        Place(run.HistoryLines, offset, content);
                        break;
                    case EventsFile:
                        Place(run.EventsLines, offset, content);
                        break;
                    case OutputFile:
                        Place(run.OutputLines, offset, content);
                        break;
                }
            }
        }
        if (body["complete"] is JsonValue complete && complete.GetValue<bool>())
        {
            run.Completed = true;
            run.ExitCode = body["exitcode"] is JsonValue code ? code.GetValue<int>() : 0;
        }
    }

    private static void Place(SortedDictionary<long, string> lines, long offset, List<string> content)
    {
        for (var i = 0; i < content.Count; i++)
        {
            lines[offset + i] = content[i];
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
