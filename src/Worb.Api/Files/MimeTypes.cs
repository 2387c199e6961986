using Microsoft.AspNetCore.StaticFiles;

namespace Worb.Api.Files;

/// <summary>A run file's MIME type, from its extension.</summary>
public sealed class MimeTypes
{
    private readonly FileExtensionContentTypeProvider _provider = new();

    public MimeTypes()
    {
        _provider.Mappings[".yaml"] = "application/x-yaml";
        _provider.Mappings[".yml"] = "application/x-yaml";
        _provider.Mappings[".log"] = "text/plain";
        _provider.Mappings[".jsonl"] = "application/jsonl";
        _provider.Mappings[".md"] = "text/markdown";
        _provider.Mappings[".patch"] = "text/x-diff";
    }

    public string For(string fileName) =>
        _provider.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
}
