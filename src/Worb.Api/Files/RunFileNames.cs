namespace Worb.Api.Files;

/// <summary>
/// Run file names are relative paths inside the run (<c>media/images/x.png</c>). Bytes are stored by hash, so a
/// name never becomes a file system path; still, names that could not be a client's relative path are refused.
/// </summary>
public static class RunFileNames
{
    public const int MaxLength = 1024;

    public static bool IsValid(string name, out string? error)
    {
        error = name switch
        {
            "" => "the file name is empty",
            { Length: > MaxLength } => $"the file name is longer than {MaxLength} characters",
            _ when name.Contains('\0') => "the file name contains a NUL character",
            _ when name.StartsWith('/') || name.Contains('\\') || Path.IsPathRooted(name) => "the file name must be a relative path",
            _ when name.Split('/').Any(part => part is "" or "." or "..") => "the file name has an empty, '.' or '..' segment",
            _ => null,
        };
        return error is null;
    }
}
