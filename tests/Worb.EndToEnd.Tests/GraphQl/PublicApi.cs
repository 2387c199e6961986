using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.GraphQl;

/// <summary>The reads <c>wandb.Api()</c> makes (same query texts and variables), for assertions.</summary>
public sealed class PublicApi(WorbHostProcess host)
{
    public GraphQlClient GraphQl { get; } = new(host);

    /// <summary><c>api.run("e/p/id")</c>: the RunFragment, or null when the run does not exist.</summary>
    public async Task<JsonObject?> RunAsync(string entity, string project, string name, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.Run, new JsonObject { ["entity"] = entity, ["project"] = project, ["name"] = name }, cancellationToken);
        return data["project"]?["run"] as JsonObject;
    }

    /// <summary><c>api.runs("e/p")</c>, all pages.</summary>
    public async Task<List<JsonObject>> RunsAsync(string entity, string project, CancellationToken cancellationToken = default)
    {
        var runs = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var data = await GraphQl.QueryAsync(WandbQueries.Runs, new JsonObject
            {
                ["project"] = project,
                ["entity"] = entity,
                ["order"] = "+created_at",
                ["filters"] = "{}",
                ["perPage"] = 50,
                ["cursor"] = cursor,
            }, cancellationToken);
            var connection = data["project"]?["runs"] ?? throw new GraphQlException($"Runs: no project {entity}/{project}");
            runs.AddRange((connection["edges"] as JsonArray ?? []).Select(e => e?["node"]).OfType<JsonObject>());
            var pageInfo = connection["pageInfo"];
            if (pageInfo?["hasNextPage"]?.GetValue<bool>() != true)
            {
                return runs;
            }
            cursor = pageInfo["endCursor"]?.GetValue<string>();
        }
        throw new GraphQlException("Runs: more than 100 pages");
    }

    /// <summary><c>run.history(pandas=False)</c>: RunFullHistory, a list of JSON strings.</summary>
    public async Task<List<string>> FullHistoryAsync(string entity, string project, string name, int samples, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.RunFullHistory, new JsonObject
        {
            ["entity"] = entity,
            ["project"] = project,
            ["name"] = name,
            ["samples"] = samples,
        }, cancellationToken);
        return Strings(data["project"]?["run"]?["history"]);
    }

    /// <summary><c>run.scan_history()</c>: RunHistoryKeys, then HistoryPage over [0, lastStep+1) in windows of <paramref name="pageSize"/> steps.</summary>
    public async Task<List<string>> ScanHistoryAsync(string entity, string project, string run, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var keys = await HistoryKeysAsync(entity, project, run, cancellationToken);
        var lastStep = keys["lastStep"]?.GetValue<long>() ?? -1;
        var maxStep = lastStep + 1;
        var lines = new List<string>();
        for (var minStep = 0L; minStep < maxStep; minStep += pageSize)
        {
            lines.AddRange(await HistoryPageAsync(entity, project, run, minStep, Math.Min(minStep + pageSize, maxStep), pageSize, cancellationToken));
        }
        return lines;
    }

    public async Task<List<string>> HistoryPageAsync(string entity, string project, string run, long minStep, long maxStep, int pageSize, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.HistoryPage, new JsonObject
        {
            ["entity"] = entity,
            ["project"] = project,
            ["run"] = run,
            ["minStep"] = minStep,
            ["maxStep"] = maxStep,
            ["pageSize"] = pageSize,
        }, cancellationToken);
        return Strings(data["project"]?["run"]?["history"]);
    }

    /// <summary>RunHistoryKeys: <c>{"keys": {...}, "lastStep": N}</c> (accepted as an object or a JSON string).</summary>
    public async Task<JsonObject> HistoryKeysAsync(string entity, string project, string name, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.RunHistoryKeys, new JsonObject
        {
            ["entity"] = entity,
            ["project"] = project,
            ["name"] = name,
        }, cancellationToken);
        var node = data["project"]?["run"]?["historyKeys"];
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            node = JsonNode.Parse(text);
        }
        return node as JsonObject ?? throw new GraphQlException($"RunHistoryKeys: no historyKeys object for {name}");
    }

    /// <summary><c>run.scan_history(keys=[...])</c>: SampledHistoryPage with one spec; the rows of that spec.</summary>
    public async Task<List<JsonObject>> SampledHistoryPageAsync(string entity, string project, string run, IReadOnlyList<string> keys, long minStep, long maxStep, int samples, CancellationToken cancellationToken = default)
    {
        var spec = new JsonObject
        {
            ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["minStep"] = minStep,
            ["maxStep"] = maxStep,
            ["samples"] = samples,
        };
        var data = await GraphQl.QueryAsync(WandbQueries.SampledHistoryPage, new JsonObject
        {
            ["entity"] = entity,
            ["project"] = project,
            ["run"] = run,
            ["spec"] = spec.ToJsonString(),
        }, cancellationToken);
        var specs = data["project"]?["run"]?["sampledHistory"] as JsonArray
            ?? throw new GraphQlException($"SampledHistoryPage: no sampledHistory for {run}");
        return (specs.Single() as JsonArray ?? []).OfType<JsonObject>().ToList();
    }

    /// <summary><c>run.files()</c>: RunFiles, all pages; the file nodes.</summary>
    public async Task<List<JsonObject>> FilesAsync(string entity, string project, string name, CancellationToken cancellationToken = default)
    {
        var files = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var data = await GraphQl.QueryAsync(WandbQueries.RunFiles, new JsonObject
            {
                ["project"] = project,
                ["entity"] = entity,
                ["name"] = name,
                ["fileNames"] = new JsonArray(),
                ["upload"] = false,
                ["fileLimit"] = 50,
                ["fileCursor"] = cursor,
            }, cancellationToken);
            var connection = data["project"]?["run"]?["files"] ?? throw new GraphQlException($"RunFiles: no files for {name}");
            files.AddRange((connection["edges"] as JsonArray ?? []).Select(e => e?["node"]).OfType<JsonObject>());
            var pageInfo = connection["pageInfo"];
            if (pageInfo?["hasNextPage"]?.GetValue<bool>() != true)
            {
                return files;
            }
            cursor = pageInfo["endCursor"]?.GetValue<string>();
        }
        throw new GraphQlException("RunFiles: more than 100 pages");
    }

    /// <summary><c>file.download()</c>: GET of the node's url with Basic auth.</summary>
    public async Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default)
    {
        var absolute = url.StartsWith('/') ? host.Url(url) : new Uri(url, UriKind.Absolute);
        using var request = new HttpRequestMessage(HttpMethod.Get, absolute);
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GraphQlException($"GET {absolute}: HTTP {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>RunResumeStatus as the SDK sends it before a resume: the bucket, or null for an unknown run.</summary>
    public async Task<JsonObject?> ResumeStatusAsync(string? entity, string project, string name, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.RunResumeStatus, new JsonObject
        {
            ["entity"] = entity,
            ["project"] = project,
            ["name"] = name,
        }, cancellationToken);
        return data["model"]?["bucket"] as JsonObject;
    }

    /// <summary>RunStoppedStatus as the SDK polls it; null/missing project or run count as not stopped.</summary>
    public async Task<bool> StoppedAsync(string entity, string project, string name, CancellationToken cancellationToken = default)
    {
        var data = await GraphQl.QueryAsync(WandbQueries.RunStoppedStatus, new JsonObject
        {
            ["projectName"] = project,
            ["entityName"] = entity,
            ["runId"] = name,
        }, cancellationToken);
        return data["project"]?["run"]?["stopped"]?.GetValue<bool>() == true;
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? throw new GraphQlException("expected a list of history lines"))
            .Select(n => n?.GetValue<string>() ?? throw new GraphQlException("null history line"))
            .ToList();
}
