namespace Worb.Api.GraphQL.Mutations;

/// <summary>The <c>UpsertBucketInput</c> fields; null means "leave unchanged".</summary>
public sealed class UpsertBucketInput
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? GroupName { get; set; }
    public string? ModelName { get; set; }
    public string? EntityName { get; set; }
    public string? Description { get; set; }
    public string? DisplayName { get; set; }
    public string? Notes { get; set; }
    public string? Config { get; set; }
    public string? Commit { get; set; }
    public string? Host { get; set; }
    public bool? Debug { get; set; }
    public string? JobProgram { get; set; }
    public string? JobRepo { get; set; }
    public string? JobType { get; set; }
    public string? State { get; set; }
    public string? Sweep { get; set; }
    public List<string>? Tags { get; set; }
    public string? SummaryMetrics { get; set; }
    public string? ClientMutationId { get; set; }
}
