using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Artifacts;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Runs;
using Worb.Api.GraphQL.Scalars;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Types;

/// <summary>A project (the wandb "model"): its runs ("buckets") are reached by name or listed with filters.</summary>
public sealed class ProjectType : ObjectGraphType<ProjectNode>
{
    public ProjectType(RunQueries runQueries, RunLoader loader, ArtifactProjectFields artifacts)
    {
        Name = "Project";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.Project(c.Source.Entity, c.Source.Name));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("entityName").Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<EntityType>>("entity").Resolve(c => new EntityNode(c.Source.Entity));
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.CreatedAt));
        Field<StringGraphType>("description").Resolve(_ => null);
        Field<NonNullGraphType<BooleanGraphType>>("isBenchmark").Resolve(_ => false);
        Field<NonNullGraphType<BooleanGraphType>>("readOnly").Resolve(_ => false);
        Field<NonNullGraphType<IntGraphType>>("runCount")
            .Argument<JsonStringGraphType>("filters")
            .ResolveAsync(async c =>
                await runQueries.CountAsync(c.Source, c.GetArgument<string?>("filters"), c.CancellationToken));
        Field<RunConnectionType>("runs")
            .Argument<JsonStringGraphType>("filters")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("order")
            .ResolveAsync(async c =>
            {
                var runs = await runQueries.ListAsync(
                    c.Source, c.GetArgument<string?>("filters"), c.GetArgument<string?>("order"), c.CancellationToken);
                return Paging.Page(runs, c.GetArgument<string?>("after"), c.GetArgument<int?>("first"));
            });
        Field<RunType>("run")
            .Argument<StringGraphType>("name")
            .ResolveAsync(async c => await GetRunAsync(loader, c));
        Field<RunType>("bucket")
            .Argument<StringGraphType>("name")
            .Argument<BooleanGraphType>("missingOk")
            .Argument<StringGraphType>("desc")
            .ResolveAsync(async c => await GetRunAsync(loader, c));
        artifacts.AddTo(this);
    }

    private static async Task<RunRecord?> GetRunAsync(RunLoader loader, IResolveFieldContext<ProjectNode> context)
    {
        var name = context.GetArgument<string?>("name");
        return string.IsNullOrEmpty(name)
            ? null
            : await loader.GetStoredAsync(new RunKey(context.Source.Entity, context.Source.Name, name), context.CancellationToken);
    }
}
