using System.Security.Cryptography;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary>
/// <c>upsertBucket</c>: creates or updates a run through its grain and answers with the run as stored. The
/// client adopts <c>bucket.name</c>, <c>project.name</c> and <c>project.entity.name</c> for every later request.
/// </summary>
public sealed class UpsertBucketHandler(IGrainFactory grains, RunNaming naming, RunReader runs, TimeProvider time)
{
    private const string RunNameAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<UpsertBucketResult> HandleAsync(UpsertBucketInput input, CancellationToken cancellationToken)
    {
        var hasId = GraphIds.TryDecodeRun(input.Id, out var fromId);
        var key = new RunKey(
            naming.Entity(NonEmpty(input.EntityName) ?? (hasId ? fromId.Entity : null)),
            RunNaming.Project(NonEmpty(input.ModelName) ?? (hasId ? fromId.Project : null)),
            NonEmpty(input.Name) ?? (hasId ? fromId.Run : RandomNumberGenerator.GetString(RunNameAlphabet, 8)));
        var outcome = await grains.GetGrain<IRunGrain>(key.GrainKey).UpsertAsync(new RunUpsert
        {
            DisplayName = input.DisplayName,
            Notes = input.Notes,
            Description = input.Description,
            GroupName = input.GroupName,
            JobType = input.JobType,
            Host = input.Host,
            Program = input.JobProgram,
            Commit = input.Commit,
            Repo = input.JobRepo,
            Sweep = input.Sweep,
            State = input.State,
            Tags = input.Tags,
            ConfigJson = input.Config,
            SummaryJson = input.SummaryMetrics,
        });
        var stored = await runs.GetAsync(outcome.Run.Key, cancellationToken);
        return new UpsertBucketResult(Merge(stored, outcome.Run), outcome.Inserted);
    }

    /// <summary>The stored row, overlaid with what the grain says (which is never older than the row).</summary>
    private RunRecord Merge(RunRecord? stored, RunSnapshot snapshot)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var baseline = stored ?? new RunRecord
        {
            Id = snapshot.RunId,
            Project = new ProjectNode(0, snapshot.Key.Entity, snapshot.Key.Project, now),
            Name = snapshot.Key.Run,
            CreatedAt = now,
            UpdatedAt = now,
            HeartbeatAt = now,
        };
        return baseline with
        {
            Id = snapshot.RunId,
            DisplayName = snapshot.DisplayName ?? baseline.DisplayName,
            Description = snapshot.Description ?? baseline.Description,
            Notes = snapshot.Notes ?? baseline.Notes,
            Config = snapshot.ConfigJson,
            Sweep = snapshot.Sweep ?? baseline.Sweep,
            Tags = snapshot.Tags,
            State = snapshot.State,
            Stopped = snapshot.Stopped,
            HistoryLineCount = snapshot.HistoryLineCount,
            EventsLineCount = snapshot.EventsLineCount,
            LogLineCount = snapshot.LogLineCount,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
