using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Acts as the Python SDK for one run the test makes up itself: UpsertBucket with the SDK's mutation text, then
/// file_stream POSTs. Used where a test needs a run of its own instead of a recording.
/// </summary>
public sealed class ClientSession(WorbHostProcess host, string project, string runName)
{
    private const string InternalClientAgent = "W&B Internal Client 0.17.9";

    public string Project { get; } = project;
    public string RunName { get; } = runName;

    /// <summary>The entity from the UpsertBucket answer (set by <see cref="CreateRunAsync"/>).</summary>
    public string Entity { get; private set; } = "";

    /// <summary>A fresh run id in the SDK's format (8 chars of [a-z0-9]).</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..8];

    public async Task<JsonObject> CreateRunAsync(string? displayName = null, string configJson = "{\"lr\": {\"desc\": null, \"value\": 0.1}}", CancellationToken cancellationToken = default)
    {
        var data = await new GraphQlClient(host).QueryAsync(WandbQueries.UpsertBucket, new JsonObject
        {
            ["id"] = null,
            ["entity"] = null,
            ["name"] = RunName,
            ["project"] = Project,
            ["groupName"] = null,
            ["tags"] = null,
            ["description"] = null,
            ["config"] = configJson,
            ["commit"] = null,
            ["displayName"] = displayName,
            ["notes"] = null,
            ["host"] = "e2e",
            ["debug"] = false,
            ["repo"] = null,
            ["program"] = "e2e.py",
            ["jobType"] = null,
            ["state"] = null,
            ["sweep"] = null,
            ["summaryMetrics"] = null,
        }, cancellationToken);
        var bucket = data["upsertBucket"]?["bucket"] as JsonObject ?? throw new GraphQlException("UpsertBucket: no bucket");
        Entity = bucket["project"]?["entity"]?["name"]?.GetValue<string>() ?? throw new GraphQlException("UpsertBucket: no entity");
        return bucket;
    }

    public Uri FileStreamUrl(string? runName = null) =>
        host.Url($"/files/{Uri.EscapeDataString(Entity)}/{Uri.EscapeDataString(Project)}/{Uri.EscapeDataString(runName ?? RunName)}/file_stream");

    /// <summary>POSTs raw bytes to the run's file_stream; returns status and body text.</summary>
    public async Task<(int Status, string Body)> PostRawAsync(byte[] body, string? runName = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FileStreamUrl(runName)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        request.Headers.TryAddWithoutValidation("User-Agent", InternalClientAgent);
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public Task<(int Status, string Body)> PostJsonAsync(JsonObject body, CancellationToken cancellationToken = default) =>
        PostRawAsync(Encoding.UTF8.GetBytes(body.ToJsonString(RecordedJson.WriteOptions)), cancellationToken: cancellationToken);

    /// <summary>POSTs lines of one file at an offset, as the SDK's data message; fails unless 200.</summary>
    public async Task<JsonObject> PostLinesAsync(string file, long offset, IReadOnlyList<string> lines, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["files"] = new JsonObject
            {
                [file] = new JsonObject
                {
                    ["offset"] = offset,
                    ["content"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                },
            },
            ["dropped"] = 0,
        };
        return await PostCheckedAsync(body, cancellationToken);
    }

    /// <summary>The final message: <c>{"complete": true, "exitcode": code, ...}</c>.</summary>
    public Task<JsonObject> FinishAsync(int exitCode = 0, CancellationToken cancellationToken = default) =>
        PostCheckedAsync(new JsonObject { ["complete"] = true, ["exitcode"] = exitCode, ["dropped"] = 0, ["uploaded"] = new JsonArray() }, cancellationToken);

    public async Task<JsonObject> PostCheckedAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        var (status, text) = await PostJsonAsync(body, cancellationToken);
        if (status != 200)
        {
            throw new InvalidOperationException($"file_stream answered {status}: {text}");
        }
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"file_stream answer is not an object: {text}");
    }

    /// <summary>A history line as the Python SDK writes it.</summary>
    public static string HistoryLine(long step, double loss) =>
        $"{{\"loss\": {loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"_timestamp\": {1795956000 + step}.25, \"_runtime\": {step}.5, \"_step\": {step}}}";
}
