using Worb.Api.Files;
using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Files;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

/// <summary>A run file; <c>url(upload: true)</c> is the signed upload URL, otherwise the download URL.</summary>
public sealed class FileType : ObjectGraphType<FileNode>
{
    public FileType(IRunFileUrls urls, MimeTypes mimeTypes)
    {
        Name = "File";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.File(c.Source.Run, c.Source.Name));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("url")
            .Argument<BooleanGraphType>("upload")
            .Resolve(c => c.GetArgument<bool?>("upload") == true
                ? urls.UploadUrl(c.Source.RunId, c.Source.Name)
                : urls.DownloadUrl(c.Source.Run, c.Source.Name));
        Field<NonNullGraphType<StringGraphType>>("directUrl").Resolve(c => urls.DownloadUrl(c.Source.Run, c.Source.Name));
        Field<NonNullGraphType<Int64GraphType>>("sizeBytes").Resolve(c => c.Source.SizeBytes);
        Field<NonNullGraphType<StringGraphType>>("mimetype").Resolve(c => mimeTypes.For(c.Source.Name));
        Field<StringGraphType>("updatedAt")
            .Resolve(c => c.Source.UpdatedAt is { } at ? IsoTime.FromUnixSeconds(at) : null);
        Field<StringGraphType>("md5").Resolve(c => c.Source.Md5);
        Field<StringGraphType>("digest").Resolve(c => c.Source.Md5);
        Field<StringGraphType>("storagePath").Resolve(c => c.Source.Sha256 is null ? null : "files/" + c.Source.Sha256);
    }
}
