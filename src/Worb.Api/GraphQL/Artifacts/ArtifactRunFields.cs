using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>A run's lineage: <c>outputArtifacts</c> (what it logged, committed) and <c>inputArtifacts</c> (what it used).</summary>
public sealed class ArtifactRunFields(ArtifactReader reader)
{
    public void AddTo(ObjectGraphType<RunRecord> run)
    {
        run.Field<NonNullGraphType<ArtifactVersionConnectionGraphType>>("outputArtifacts")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => CountedConnection<ArtifactRow>.Of(
                await reader.LoggedByRunAsync(c.Source.Id, c.CancellationToken), c.GetArgument<string?>("after"), c.GetArgument<int?>("first")));
        run.Field<NonNullGraphType<ArtifactVersionConnectionGraphType>>("inputArtifacts")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => CountedConnection<ArtifactRow>.Of(
                await reader.UsedByRunAsync(c.Source.Id, c.CancellationToken), c.GetArgument<string?>("after"), c.GetArgument<int?>("first")));
    }
}
