using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// A project's artifact fields: <c>artifact(name: "coll:alias")</c> (null when there is no such committed version —
/// the SDK's type check expects null for a new name; a malformed name is an error), <c>artifactType(name)</c>,
/// <c>artifactTypes</c> and <c>artifactCollection(s)</c>.
/// </summary>
public sealed class ArtifactProjectFields(ArtifactReader reader)
{
    public void AddTo(ObjectGraphType<ProjectNode> project)
    {
        project.Field<ArtifactGraphType>("artifact")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c => ArtifactName.TryParse(c.GetArgument<string>("name"), out var name, out var error)
                ? await reader.FindAsync(c.Source.Entity, c.Source.Name, name.Collection, name.AliasOrVersion, c.CancellationToken)
                : throw new ExecutionError(error!));
        project.Field<ArtifactTypeGraphType>("artifactType")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c =>
            {
                var name = c.GetArgument<string>("name");
                var type = (await reader.TypesAsync(c.Source.Entity, c.Source.Name, c.CancellationToken)).FirstOrDefault(t => t.Name == name);
                return type is null ? null : new ArtifactTypeNode(type, c.Source.Entity, c.Source.Name);
            });
        project.Field<NonNullGraphType<ArtifactTypeConnectionGraphType>>("artifactTypes")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => CountedConnection<ArtifactTypeNode>.Of(
                (await reader.TypesAsync(c.Source.Entity, c.Source.Name, c.CancellationToken)).Select(t => new ArtifactTypeNode(t, c.Source.Entity, c.Source.Name)).ToList(),
                c.GetArgument<string?>("after"),
                c.GetArgument<int?>("first")));
        project.Field<ArtifactSequenceGraphType>("artifactCollection")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c => await reader.CollectionAsync(c.Source.Entity, c.Source.Name, c.GetArgument<string>("name"), null, c.CancellationToken));
        project.Field<NonNullGraphType<ArtifactSequenceConnectionGraphType>>("artifactCollections")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => CountedConnection<ArtifactCollectionRow>.Of(
                await reader.CollectionsAsync(c.Source.Entity, c.Source.Name, null, c.CancellationToken),
                c.GetArgument<string?>("after"),
                c.GetArgument<int?>("first")));
    }
}
