using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>The outcome of replaying a recording: the server's answers and what was uploaded.</summary>
public sealed class ReplayLog
{
    private readonly List<ReplayedExchange> _exchanges = [];
    private readonly List<(TrafficRecord Record, string Reason)> _skipped = [];
    private readonly Dictionary<(string Run, string File), byte[]> _uploads = [];
    private readonly List<(TrafficRecord Record, byte[] Bytes)> _artifactDownloads = [];

    public ReplayLog(TrafficRecording recording) => Recording = recording;

    public TrafficRecording Recording { get; }

    /// <summary>The entity the server handed out (from its UpsertBucket answers).</summary>
    public string? Entity { get; internal set; }

    public IReadOnlyList<ReplayedExchange> Exchanges => _exchanges;

    public IReadOnlyList<(TrafficRecord Record, string Reason)> Skipped => _skipped;

    /// <summary>The bytes of the last PUT of each (run id, file name).</summary>
    public IReadOnlyDictionary<(string Run, string File), byte[]> Uploads => _uploads;

    /// <summary>Artifact downloads (manifests and files), each verified equal to the bytes uploaded for it.</summary>
    public IReadOnlyList<(TrafficRecord Record, byte[] Bytes)> ArtifactDownloads => _artifactDownloads;

    /// <summary>The server's JSON answer to the replayed request with that seq.</summary>
    public JsonNode AnswerTo(long seq) =>
        _exchanges.Single(e => e.Record.Seq == seq).ResponseJson
        ?? throw new InvalidOperationException($"seq {seq} had no JSON answer.");

    internal void Add(ReplayedExchange exchange) => _exchanges.Add(exchange);

    internal void Skip(TrafficRecord record, string reason) => _skipped.Add((record, reason));

    internal void RecordArtifactDownload(TrafficRecord record, byte[] bytes) => _artifactDownloads.Add((record, bytes));

    internal void RecordUpload(string run, string file, byte[] bytes) => _uploads[(run, file)] = bytes;
}
