using GraphQL.Types;
using Worb.Api.Artifacts;
using Worb.Api.Files;
using Worb.Api.GraphQL.Scalars;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>ArtifactFile</c>: a file of an artifact. <c>uploadUrl</c> is null when no upload is needed (the bytes are
/// stored already; <c>artifact</c> then names the version that stored them). <c>directUrl</c> is a signed download
/// URL (a reference's own URL for reference entries).
/// </summary>
public sealed class ArtifactFileGraphType : ObjectGraphType<ArtifactFileNode>
{
    public ArtifactFileGraphType(ArtifactLinks links, ArtifactReader reader, MimeTypes mimeTypes)
    {
        Name = "ArtifactFile";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.File(c.Source.ArtifactId, c.Source.Name));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.Name);
        Field<StringGraphType>("uploadUrl").Resolve(c => c.Source.UploadUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("uploadHeaders").Resolve(_ => Array.Empty<string>());
        Field<StringGraphType>("storagePath").Resolve(_ => null);
        Field<StringGraphType>("directUrl").Resolve(c => DirectUrl(links, c.Source));
        Field<StringGraphType>("url").Resolve(c => DirectUrl(links, c.Source));
        Field<NonNullGraphType<Int64GraphType>>("sizeBytes").Resolve(c => c.Source.Size);
        Field<NonNullGraphType<StringGraphType>>("mimetype").Resolve(c => mimeTypes.For(c.Source.Name));
        Field<StringGraphType>("updatedAt").Resolve(c => c.Source.UpdatedAt is { } at ? IsoTime.FromUnixSeconds(at) : null);
        Field<StringGraphType>("digest").Resolve(c => c.Source.Digest);
        Field<StringGraphType>("md5").Resolve(c => c.Source.Ref is null ? c.Source.Digest : null);
        Field<ArtifactGraphType>("artifact").ResolveAsync(async c =>
            await reader.GetAsync(c.Source.BirthArtifactId ?? c.Source.ArtifactId, c.CancellationToken));
    }

    private static string? DirectUrl(ArtifactLinks links, ArtifactFileNode file) =>
        file.Ref ?? (file.Sha256 is { } sha256 ? links.DownloadUrl(sha256, file.Name) : null);
}
