using GraphQL;
using GraphQL.Types;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>ArtifactType</c>: a kind of artifact in a project (<c>dataset</c>, <c>model</c>, ...) and its collections.</summary>
public sealed class ArtifactTypeGraphType : ObjectGraphType<ArtifactTypeNode>
{
    public ArtifactTypeGraphType(ArtifactReader reader)
    {
        Name = "ArtifactType";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.Type(c.Source.Row.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Row.Name);
        Field<StringGraphType>("description").Resolve(_ => null);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.Row.CreatedAt));
        foreach (var name in new[] { "artifactCollection", "artifactSequence" })
        {
            Field<ArtifactSequenceGraphType>(name)
                .Argument<StringGraphType>("name")
                .ResolveAsync(async c => c.GetArgument<string?>("name") is { Length: > 0 } collection
                    ? await reader.CollectionAsync(c.Source.Entity, c.Source.Project, collection, c.Source.Row.Name, c.CancellationToken)
                    : null);
        }
        foreach (var name in new[] { "artifactCollections", "artifactSequences" })
        {
            Field<NonNullGraphType<ArtifactSequenceConnectionGraphType>>(name)
                .Argument<StringGraphType>("after")
                .Argument<IntGraphType>("first")
                .ResolveAsync(async c => CountedConnection<ArtifactCollectionRow>.Of(
                    await reader.CollectionsAsync(c.Source.Entity, c.Source.Project, c.Source.Row.Name, c.CancellationToken),
                    c.GetArgument<string?>("after"),
                    c.GetArgument<int?>("first")));
        }
        Field<ArtifactGraphType>("artifact")
            .Argument<StringGraphType>("name")
            .ResolveAsync(async c => ArtifactName.TryParse(c.GetArgument<string?>("name"), out var parsed, out var error)
                ? await reader.FindAsync(c.Source.Entity, c.Source.Project, parsed.Collection, parsed.AliasOrVersion, c.CancellationToken)
                : throw new ExecutionError(error!));
    }
}
