namespace Worb.Grains.Protocol;

/// <summary>
/// One parsed file_stream body. Legacy clients send <c>dropped</c>, <c>failed</c> and an explicit
/// <c>complete: false</c>; wandb-core omits every empty key (a heartbeat is <c>{}</c>).
/// </summary>
public sealed class FileStreamRequest
{
    public List<FileChunk> Files { get; } = [];
    public bool Complete { get; set; }
    public int? ExitCode { get; set; }
    public bool Preempting { get; set; }
    public List<string> Uploaded { get; } = [];
    public long Dropped { get; set; }

    /// <summary>Lines carried by all files of the body.</summary>
    public int LineCount
    {
        get
        {
            var lines = 0;
            foreach (var file in Files)
            {
                lines += file.Lines.Count;
            }
            return lines;
        }
    }
}

/// <summary>Lines of one file starting at line <see cref="Offset"/>.</summary>
public sealed record FileChunk(string FileName, long Offset, IReadOnlyList<string> Lines);

public static class FileStreamFiles
{
    public const string History = "wandb-history.jsonl";
    public const string Summary = "wandb-summary.json";
    public const string Events = "wandb-events.jsonl";
    public const string Output = "output.log";
}
