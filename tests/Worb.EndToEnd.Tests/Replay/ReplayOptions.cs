namespace Worb.EndToEnd.Tests.Replay;

/// <summary>Knobs of one replay.</summary>
public sealed record ReplayOptions
{
    /// <summary>Replays only the records this accepts (all in scope when null), e.g. to leave out a final message.</summary>
    public Func<TrafficRecord, bool>? Include { get; init; }

    /// <summary>The server's entity when it is already known (a recording without UpsertBucket, like 06).</summary>
    public string? KnownEntity { get; init; }
}
