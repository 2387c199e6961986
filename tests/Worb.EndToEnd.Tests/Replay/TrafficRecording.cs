using System.Text.Json;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>A traffic/*.jsonl recording: the requests one client session sent, in order.</summary>
public sealed class TrafficRecording
{
    private TrafficRecording(string name, IReadOnlyList<TrafficRecord> records)
    {
        Name = name;
        Records = records;
    }

    public string Name { get; }

    public IReadOnlyList<TrafficRecord> Records { get; }

    /// <summary>The entity the recording server handed out, as the client used it in its requests.</summary>
    public string? RecordedEntity =>
        Records.Where(r => r.IsFileStream).Select(r => r.FileStreamTarget().Entity).FirstOrDefault()
        ?? Records.Where(r => r.IsGraphQl)
            .Select(r => r.Variables["entity"] ?? r.Variables["entityName"])
            .OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null)
            .FirstOrDefault(s => s is not null);

    public static Task<TrafficRecording> LoadAsync(string name, CancellationToken cancellationToken = default) =>
        LoadFileAsync(RepositoryLayout.Current.TrafficFile(name), cancellationToken);

    public static async Task<TrafficRecording> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var records = new List<TrafficRecord>();
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                records.Add(ParseLine(line));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
        return new TrafficRecording(Path.GetFileNameWithoutExtension(path), records);
    }

    private static TrafficRecord ParseLine(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node["headers"] is JsonObject headerObject)
        {
            foreach (var (key, value) in headerObject)
            {
                headers[key] = value?.GetValue<string>() ?? "";
            }
        }
        return new TrafficRecord(
            Seq: node["seq"]!.GetValue<long>(),
            Method: node["method"]!.GetValue<string>(),
            Path: node["path"]!.GetValue<string>(),
            Query: node["query"]?.GetValue<string>(),
            Headers: headers,
            BodyKind: node["body_kind"]?.GetValue<string>(),
            Body: node["body"]?.DeepClone(),
            RecordedStatus: node["status"]?.GetValue<int>() ?? 200,
            GraphQlOperation: node["graphql_op"]?.GetValue<string>(),
            RecordedResponse: node["response"]?.DeepClone());
    }
}
