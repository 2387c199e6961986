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

    /// <summary>When the refusal is temporary (429): how many seconds the client should wait before re-sending.</summary>
    [Id(3)] public int? RetryAfterSeconds { get; init; }

    public static ChunkResult Refused(int statusCode, string error) => new() { StatusCode = statusCode, Error = error };

    public static ChunkResult Busy(int retryAfterSeconds, string error) =>
        new() { StatusCode = 429, Error = error, RetryAfterSeconds = retryAfterSeconds };
}
