namespace Worb.Grains.Protocol;

/// <summary>An output.log line: stderr lines carry the <c>ERROR </c> prefix, stdout lines none.</summary>
public static class ConsoleLine
{
    public const int Stdout = 0;
    public const int Stderr = 1;
    private const string StderrPrefix = "ERROR ";

    public static (int Stream, string Text) Split(string line) =>
        line.StartsWith(StderrPrefix, StringComparison.Ordinal)
            ? (Stderr, line[StderrPrefix.Length..])
            : (Stdout, line);
}
