using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;
using Worb.Api.GraphQL.Types;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>Artifact</c>: one version of an artifact collection. The SDK probes this type's field names
/// (<c>ProbeServerArtifact</c>) and asks for the optional ones (ttl*, historyStep) only when they are listed.
/// <c>aliases</c> always holds exactly one version alias <c>v&lt;N&gt;</c> (the SDK asserts it) for a committed artifact.
/// </summary>
public sealed class ArtifactGraphType : ObjectGraphType<ArtifactRow>
{
    public ArtifactGraphType(ArtifactReader reader, RunReader runs)
    {
        Name = "Artifact";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.Artifact(c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("digest").Resolve(c => c.Source.Digest);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<Int64GraphType>>("size").Resolve(c => c.Source.Size);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.CreatedAt));
        Field<NonNullGraphType<StringGraphType>>("updatedAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.UpdatedAt));
        Field<JsonStringGraphType>("metadata").Resolve(c => string.IsNullOrEmpty(c.Source.Metadata) ? "{}" : c.Source.Metadata);
        Field<IntGraphType>("versionIndex").Resolve(c => c.Source.VersionIndex is { } v ? (int)v : null);
        Field<NonNullGraphType<ArtifactTypeGraphType>>("artifactType").Resolve(c => new ArtifactTypeNode(
            new ArtifactTypeRow(c.Source.TypeId, c.Source.ProjectId, c.Source.TypeName, c.Source.CreatedAt), c.Source.Entity, c.Source.Project));
        Field<NonNullGraphType<ArtifactSequenceGraphType>>("artifactSequence").ResolveAsync(async c => await CollectionAsync(reader, c));
        Field<NonNullGraphType<ArtifactSequenceGraphType>>("artifactCollection").ResolveAsync(async c => await CollectionAsync(reader, c));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ArtifactAliasGraphType>>>>("aliases")
            .ResolveAsync(async c => await AliasesAsync(reader, c.Source, c.CancellationToken));
        Field<StringGraphType>("commitHash").Resolve(c => c.Source.IsCommitted ? c.Source.Digest[..Math.Min(20, c.Source.Digest.Length)] : null);
        Field<NonNullGraphType<IntGraphType>>("fileCount").ResolveAsync(async c =>
            c.Source.IsCommitted ? (int)c.Source.FileCount : (await reader.FilesAsync(c.Source, c.CancellationToken)).Count);
        Field<ArtifactManifestGraphType>("currentManifest").Resolve(c => new ArtifactManifestNode(c.Source));
        Field<NonNullGraphType<ArtifactFileConnectionGraphType>>("files")
            .Argument<ListGraphType<StringGraphType>>("names")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c =>
            {
                var names = c.GetArgument<List<string?>?>("names")?.OfType<string>().ToHashSet(StringComparer.Ordinal);
                var files = (await reader.FilesAsync(c.Source, c.CancellationToken))
                    .Where(f => names is null || names.Count == 0 || names.Contains(f.Path))
                    .Select(f => new ArtifactFileNode(f.ArtifactId, f.Path, f.Digest, f.Size, f.Ref, f.BirthArtifactId, f.Sha256, null, c.Source.UpdatedAt))
                    .ToList();
                return CountedConnection<ArtifactFileNode>.Of(files, c.GetArgument<string?>("after"), c.GetArgument<int?>("first"));
            });
        Field<Int64GraphType>("ttlDurationSeconds").Resolve(_ => null);
        Field<NonNullGraphType<BooleanGraphType>>("ttlIsInherited").Resolve(_ => true);
        Field<Int64GraphType>("historyStep").Resolve(c => c.Source.HistoryStep);
        Field<RunType>("createdBy").ResolveAsync(async c => c.Source.CreatedByRunName is { } run
            ? await runs.GetAsync(new RunKey(c.Source.Entity, c.Source.Project, run), c.CancellationToken)
            : null);
        Field<NonNullGraphType<RunConnectionType>>("usedBy")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c =>
            {
                var usages = await reader.UsagesAsync(c.Source.Id, c.CancellationToken);
                var users = new List<RunRecord>();
                foreach (var usage in usages)
                {
                    if (await runs.GetAsync(new RunKey(usage.Entity, usage.Project, usage.RunName), c.CancellationToken) is { } run)
                    {
                        users.Add(run);
                    }
                }
                return Paging.Page(users, c.GetArgument<string?>("after"), c.GetArgument<int?>("first"));
            });
    }

    /// <summary>The version alias first, then the stored aliases (<c>latest</c> first).</summary>
    public static async Task<IReadOnlyList<ArtifactAliasNode>> AliasesAsync(ArtifactReader reader, ArtifactRow artifact, CancellationToken cancellationToken)
    {
        var aliases = new List<ArtifactAliasNode>();
        if (artifact.VersionAlias is { } version)
        {
            aliases.Add(new ArtifactAliasNode(artifact, version));
        }
        aliases.AddRange((await reader.AliasesAsync(artifact.Id, cancellationToken)).Select(a => new ArtifactAliasNode(artifact, a)));
        return aliases;
    }

    private static async Task<ArtifactCollectionRow?> CollectionAsync(ArtifactReader reader, IResolveFieldContext<ArtifactRow> c) =>
        await reader.CollectionAsync(c.Source.Entity, c.Source.Project, c.Source.CollectionName, null, c.CancellationToken);
}
