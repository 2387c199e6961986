using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

/// <summary>A run's files; <c>uploadHeaders</c> is what the legacy RunUploadUrls query reads (always empty).</summary>
public sealed class FileConnectionType : ConnectionGraphType<FileEdgeType, FileNode>
{
    public FileConnectionType()
        : base("FileConnection")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("uploadHeaders")
            .Resolve(_ => Array.Empty<string>());
    }
}
