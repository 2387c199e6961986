using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Artifacts;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Runs;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Types;

/// <summary>The root query type; named <c>Query</c> because the SDK probes <c>__type(name: "Query")</c>.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType(RunNaming naming, ProjectReader projects, RunLoader loader, IStoreBarrier barrier, ArtifactQueryFields artifacts)
    {
        Name = "Query";
        Field<UserType>("viewer").Resolve(_ => new UserNode(naming.DefaultEntity));
        Field<NonNullGraphType<ServerInfoType>>("serverInfo")
            .Resolve(_ => new ServerInfo(typeof(QueryType).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
        Field<ProjectType>("project")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("entityName")
            .ResolveAsync(async c => await GetProjectAsync(c));
        Field<ProjectType>("model")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("entityName")
            .ResolveAsync(async c => await GetProjectAsync(c));
        Field<ProjectConnectionType>("projects")
            .Argument<StringGraphType>("entityName")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => await ListProjectsAsync(c));
        Field<ProjectConnectionType>("models")
            .Argument<StringGraphType>("entityName")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => await ListProjectsAsync(c));
        Field<EntityType>("entity")
            .Argument<StringGraphType>("name")
            .Resolve(c => new EntityNode(naming.Entity(c.GetArgument<string?>("name"))));
        Field<RunType>("run")
            .Argument<StringGraphType>("id")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("projectName")
            .Argument<StringGraphType>("entityName")
            .ResolveAsync(async c =>
            {
                var hasId = GraphIds.TryDecodeRun(c.GetArgument<string?>("id"), out var fromId);
                var name = c.GetArgument<string?>("name") ?? (hasId ? fromId.Run : null);
                if (string.IsNullOrEmpty(name))
                {
                    return null;
                }
                var key = new RunKey(
                    naming.Entity(c.GetArgument<string?>("entityName") ?? (hasId ? fromId.Entity : null)),
                    RunNaming.Project(c.GetArgument<string?>("projectName") ?? (hasId ? fromId.Project : null)),
                    name);
                return await loader.GetStoredAsync(key, c.CancellationToken);
            });

        artifacts.AddTo(this);

        async Task<ProjectNode?> GetProjectAsync(IResolveFieldContext<object?> c) => await projects.GetAsync(
            naming.Entity(c.GetArgument<string?>("entityName")),
            RunNaming.Project(c.GetArgument<string?>("name")),
            c.CancellationToken);

        async Task<Connection<ProjectNode>> ListProjectsAsync(IResolveFieldContext<object?> c)
        {
            await barrier.FlushAllAsync(c.CancellationToken);
            var list = await projects.ListAsync(naming.Entity(c.GetArgument<string?>("entityName")), c.CancellationToken);
            return Paging.Page(list, c.GetArgument<string?>("after"), c.GetArgument<int?>("first"));
        }
    }
}
