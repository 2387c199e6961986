namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// Paths inside an artifact (<c>sub/b.csv</c>). Bytes are stored by hash, so a path never becomes a file system path;
/// still, paths that could not be a client's relative path are refused.
/// </summary>
public static class ArtifactPaths
{
    public const int MaxLength = 1024;

    public static bool IsValid(string path, out string? error)
    {
        error = path switch
        {
            "" => "the path is empty",
            { Length: > MaxLength } => $"the path is longer than {MaxLength} characters",
            _ when path.Contains('\0') => "the path contains a NUL character",
            _ when path.StartsWith('/') || path.Contains('\\') => "the path must be relative",
            _ when path.Split('/').Any(part => part is "" or "." or "..") => "the path has an empty, '.' or '..' segment",
            _ => null,
        };
        return error is null;
    }
}
