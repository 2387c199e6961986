namespace Worb.Grains.Interfaces;

/// <summary>
/// The answer to one file_stream chunk. <see cref="Error"/> is set when the chunk was refused (nothing of it was
/// stored); <see cref="StatusCode"/> is then the HTTP status to answer with.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChunkResult
{
    [Id(0)] public bool Stopped { get; init; }
    [Id(1)] public string? Error { get; init; }
    [Id(2)] public int StatusCode { get; init; } = 200;

    public static ChunkResult Refused(int statusCode, string error) => new() { StatusCode = statusCode, Error = error };
}
