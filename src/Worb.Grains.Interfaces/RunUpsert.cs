namespace Worb.Grains.Interfaces;

/// <summary>
/// The fields of the UpsertBucket mutation. A null field means "leave unchanged" (the client sends
/// null for everything it does not mean to change); <see cref="ConfigJson"/> is the client's JSON string.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunUpsert
{
    [Id(0)] public string? DisplayName { get; init; }
    [Id(1)] public string? Notes { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public string? GroupName { get; init; }
    [Id(4)] public string? JobType { get; init; }
    [Id(5)] public string? Host { get; init; }
    [Id(6)] public string? Program { get; init; }
    [Id(7)] public string? Commit { get; init; }
    [Id(8)] public string? Repo { get; init; }
    [Id(9)] public string? Sweep { get; init; }
    [Id(10)] public string? State { get; init; }
    [Id(11)] public IReadOnlyList<string>? Tags { get; init; }
    [Id(12)] public string? ConfigJson { get; init; }
    [Id(13)] public string? SummaryJson { get; init; }
}
