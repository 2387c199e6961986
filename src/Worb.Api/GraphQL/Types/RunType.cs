using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Artifacts;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.History;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

/// <summary>
/// A run (wandb's "bucket"). Strictly typed for wandb-core: JSONString fields are strings, counts are integers,
/// and every RunResumeStatus field is non-null for an existing run.
/// </summary>
public sealed class RunType : ObjectGraphType<RunRecord>
{
    private const int TailLines = 10;

    public RunType(
        HistoryQueries history,
        HistoryLineReader historyLines,
        EventsLineReader eventsLines,
        RunFileReader files,
        AlertReader alerts,
        RunStateView states,
        RunNaming naming,
        ArtifactRunFields artifacts)
    {
        Name = "Run";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.Run(c.Source.Key));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("displayName").Resolve(c => c.Source.DisplayName ?? c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<StringGraphType>("notes").Resolve(c => c.Source.Notes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Resolve(c => c.Source.Tags);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => states.Shown(c.Source));
        Field<StringGraphType>("group").Resolve(c => c.Source.GroupName);
        Field<StringGraphType>("jobType").Resolve(c => c.Source.JobType);
        Field<StringGraphType>("commit").Resolve(c => c.Source.Commit);
        Field<StringGraphType>("host").Resolve(c => c.Source.Host);
        Field<StringGraphType>("program").Resolve(c => c.Source.Program);
        Field<StringGraphType>("sweepName").Resolve(c => c.Source.Sweep);
        Field<NonNullGraphType<BooleanGraphType>>("readOnly").Resolve(_ => false);
        Field<NonNullGraphType<BooleanGraphType>>("stopped").Resolve(c => c.Source.Stopped);
        Field<IntGraphType>("exitcode").Resolve(c => c.Source.ExitCode is { } code ? ClampInt(code) : null);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.CreatedAt));
        Field<NonNullGraphType<StringGraphType>>("updatedAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.UpdatedAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertType>>>>("alerts")
            .ResolveAsync(async c => await alerts.ListAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<StringGraphType>>("heartbeatAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.HeartbeatAt));
        Field<NonNullGraphType<JsonStringGraphType>>("config").Resolve(c => c.Source.Config);
        Field<NonNullGraphType<JsonStringGraphType>>("summaryMetrics").Resolve(c => c.Source.Summary);
        // The store keeps the run's last wandb-events.jsonl line in runs.system_metrics: no query per run.
        Field<NonNullGraphType<JsonStringGraphType>>("systemMetrics")
            .Resolve(c => string.IsNullOrWhiteSpace(c.Source.SystemMetrics) ? "{}" : c.Source.SystemMetrics);
        Field<NonNullGraphType<IntGraphType>>("historyLineCount").Resolve(c => ClampInt(c.Source.HistoryLineCount));
        Field<NonNullGraphType<IntGraphType>>("eventsLineCount").Resolve(c => ClampInt(c.Source.EventsLineCount));
        Field<NonNullGraphType<IntGraphType>>("logLineCount").Resolve(c => ClampInt(c.Source.LogLineCount));
        Field<NonNullGraphType<JsonStringGraphType>>("historyTail").ResolveAsync(async c =>
            JsonRender.StringArray(await historyLines.TailAsync(c.Source.Id, TailLines, c.CancellationToken)));
        Field<NonNullGraphType<JsonStringGraphType>>("eventsTail").ResolveAsync(async c =>
            JsonRender.StringArray(await eventsLines.TailAsync(c.Source.Id, TailLines, c.CancellationToken)));
        Field<NonNullGraphType<JsonStringGraphType>>("wandbConfig")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("keys")
            .Resolve(c => WandbConfig.Select(c.Source.Config, c.GetArgument<List<string>?>("keys")));
        Field<NonNullGraphType<UserType>>("user").Resolve(_ => new UserNode(naming.DefaultEntity));
        Field<NonNullGraphType<ProjectType>>("project").Resolve(c => c.Source.Project);
        Field<NonNullGraphType<JsonGraphType>>("historyKeys").ResolveAsync(async c =>
            await history.HistoryKeysAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JsonStringGraphType>>>>("history")
            .Argument<IntGraphType>("samples")
            .Argument<Int64GraphType>("minStep")
            .Argument<Int64GraphType>("maxStep")
            .ResolveAsync(async c => await history.HistoryAsync(
                c.Source.Id,
                c.GetArgument<int?>("samples"),
                c.GetArgument<long?>("minStep"),
                c.GetArgument<long?>("maxStep"),
                c.CancellationToken));
        Field<NonNullGraphType<JsonGraphType>>("sampledHistory")
            .Argument<ListGraphType<NonNullGraphType<JsonStringGraphType>>>("specs")
            .ResolveAsync(async c => await history.SampledHistoryAsync(
                c.Source.Id, c.GetArgument<List<string>?>("specs") ?? [], c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("fileCount").ResolveAsync(async c =>
            await files.CountAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<FileConnectionType>>("files")
            .Argument<ListGraphType<StringGraphType>>("names")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => Paging.Page(
                await ListFilesAsync(files, c.Source, c.GetArgument<List<string?>?>("names"), c.CancellationToken),
                c.GetArgument<string?>("after"),
                c.GetArgument<int?>("first")));
        artifacts.AddTo(this);
    }

    /// <summary>
    /// The stored files, or (when names are given) one node per requested name: stored ones with their metadata,
    /// others as not-yet-uploaded placeholders (the legacy upload-URL query asks for files before they exist).
    /// </summary>
    private static async Task<IReadOnlyList<FileNode>> ListFilesAsync(
        RunFileReader files, RunRecord run, IReadOnlyList<string?>? names, CancellationToken cancellationToken)
    {
        var stored = await files.ListAsync(run.Id, cancellationToken);
        FileNode Node(RunFileRow row) => new(run.Key, run.Id, row.Name, true, row.Size, row.Md5, row.Sha256, row.UpdatedAt);
        var wanted = names?.OfType<string>().Distinct().ToList();
        if (wanted is null || wanted.Count == 0)
        {
            return stored.Select(Node).ToList();
        }
        var byName = stored.ToDictionary(f => f.Name);
        return wanted
            .Select(name => byName.TryGetValue(name, out var row)
                ? Node(row)
                : new FileNode(run.Key, run.Id, name, false, 0, null, null, null))
            .ToList();
    }

    private static int ClampInt(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
