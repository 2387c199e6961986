namespace Worb.Api.GraphQL.Mutations;

/// <summary>The run-addressing fields several mutation inputs share (names, or the run's GraphQL id).</summary>
public abstract class RunRef
{
    public string? Id { get; set; }
    public string? EntityName { get; set; }
    public string? ProjectName { get; set; }
    public string? RunName { get; set; }
    public string? ClientMutationId { get; set; }
}
