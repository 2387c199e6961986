using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Types;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>ArtifactSequence</c>: an artifact collection — the versions v0, v1, ... of one name in a project. Also what
/// <c>artifactCollection</c> fields answer.
/// </summary>
public sealed class ArtifactSequenceGraphType : ObjectGraphType<ArtifactCollectionRow>
{
    public ArtifactSequenceGraphType(ArtifactReader reader, ProjectReader projects)
    {
        Name = "ArtifactSequence";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.Collection(c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.CreatedAt));
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(_ => "READY");
        Field<ProjectType>("project").ResolveAsync(async c =>
            await projects.GetAsync(c.Source.Entity, c.Source.Project, c.CancellationToken));
        Field<NonNullGraphType<ArtifactTypeGraphType>>("defaultArtifactType").Resolve(c => TypeOf(c.Source));
        Field<NonNullGraphType<ArtifactTypeGraphType>>("artifactType").Resolve(c => TypeOf(c.Source));
        Field<ArtifactGraphType>("latestArtifact").ResolveAsync(async c => await reader.LatestAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<ArtifactVersionConnectionGraphType>>("artifacts")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("order")
            .Argument<Scalars.JsonStringGraphType>("filters")
            .ResolveAsync(async c => CountedConnection<ArtifactRow>.Of(
                await reader.VersionsAsync(c.Source.Id, c.CancellationToken), c.GetArgument<string?>("after"), c.GetArgument<int?>("first")));
        Field<NonNullGraphType<ArtifactAliasConnectionGraphType>>("aliases")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c =>
            {
                var aliases = new List<ArtifactAliasNode>();
                foreach (var version in await reader.VersionsAsync(c.Source.Id, c.CancellationToken))
                {
                    aliases.AddRange((await reader.AliasesAsync(version.Id, c.CancellationToken)).Select(a => new ArtifactAliasNode(version, a)));
                }
                return CountedConnection<ArtifactAliasNode>.Of(aliases, c.GetArgument<string?>("after"), c.GetArgument<int?>("first"));
            });
    }

    private static ArtifactTypeNode TypeOf(ArtifactCollectionRow collection) =>
        new(new ArtifactTypeRow(collection.TypeId, collection.ProjectId, collection.TypeName, collection.CreatedAt), collection.Entity, collection.Project);
}
