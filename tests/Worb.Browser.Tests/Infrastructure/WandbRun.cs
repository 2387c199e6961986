using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// Acts as the wandb client for one run: UpsertBucket over GraphQL, then file_stream POSTs of history, events,
/// console and summary lines, file uploads through CreateRunFiles, and the final <c>complete</c> message.
/// </summary>
public sealed class WandbRun(WorbHostProcess host, string project, string name)
{
    private const string UpsertBucket = """
        mutation UpsertBucket($name: String, $project: String, $entity: String, $groupName: String, $displayName: String,
                              $notes: String, $config: JSONString, $host: String, $program: String, $jobType: String, $tags: [String!]) {
          upsertBucket(input: {name: $name, modelName: $project, entityName: $entity, groupName: $groupName,
                               displayName: $displayName, notes: $notes, config: $config, host: $host, jobProgram: $program,
                               jobType: $jobType, tags: $tags}) {
            bucket { name project { name entity { name } } }
          }
        }
        """;

    private const string CreateRunFiles = """
        mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
          createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
            files { name uploadUrl }
          }
        }
        """;

    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);

    public string Project { get; } = project;
    public string Name { get; } = name;
    public string Entity { get; private set; } = "";

    public async Task CreateAsync(
        string? displayName = null, string configJson = "{}", IReadOnlyList<string>? tags = null, string? group = null,
        string? jobType = null, string? notes = null, CancellationToken cancellationToken = default)
    {
        var data = await GraphQlAsync(UpsertBucket, new JsonObject
        {
            ["name"] = Name,
            ["project"] = Project,
            ["groupName"] = group,
            ["displayName"] = displayName,
            ["notes"] = notes,
            ["config"] = configJson,
            ["host"] = "browser-test-host",
            ["program"] = "train.py",
            ["jobType"] = jobType,
            ["tags"] = tags is null ? null : new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()),
        }, cancellationToken);
        Entity = data["upsertBucket"]?["bucket"]?["project"]?["entity"]?["name"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"UpsertBucket gave no entity: {data}");
    }

    /// <summary>Appends lines to one of the run's files (wandb-history.jsonl, wandb-events.jsonl, output.log, ...).</summary>
    public async Task AppendAsync(string file, IReadOnlyList<string> lines, CancellationToken cancellationToken = default)
    {
        const int chunk = 1000;
        for (var start = 0; start < lines.Count; start += chunk)
        {
            var part = lines.Skip(start).Take(chunk).ToList();
            var offset = file == "wandb-summary.json" ? 0 : _offsets.GetValueOrDefault(file);
            await PostAsync(new JsonObject
            {
                ["files"] = new JsonObject
                {
                    [file] = new JsonObject { ["offset"] = offset, ["content"] = new JsonArray(part.Select(l => (JsonNode?)l).ToArray()) },
                },
                ["dropped"] = 0,
            }, cancellationToken);
            _offsets[file] = offset + part.Count;
        }
    }

    public Task<JsonObject> FinishAsync(int exitCode = 0, CancellationToken cancellationToken = default) =>
        PostAsync(new JsonObject { ["complete"] = true, ["exitcode"] = exitCode, ["dropped"] = 0, ["uploaded"] = new JsonArray() }, cancellationToken);

    /// <summary>One file_stream POST; the answer (with <c>stopped</c>) as the client sees it.</summary>
    public async Task<JsonObject> PostAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url($"/files/{Entity}/{Project}/{Name}/file_stream"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"file_stream answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task UploadAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var data = await GraphQlAsync(CreateRunFiles, new JsonObject
        {
            ["entity"] = Entity,
            ["project"] = Project,
            ["run"] = Name,
            ["files"] = new JsonArray(fileName),
        }, cancellationToken);
        var url = data["createRunFiles"]?["files"]?[0]?["uploadUrl"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"CreateRunFiles gave no URL: {data}");
        using var response = await host.HttpClient.PutAsync(url, new ByteArrayContent(content), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One GraphQL request with the client's credentials; throws on errors, answers <c>data</c>.</summary>
    public async Task<JsonObject> GraphQlAsync(string query, JsonObject variables, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url("/graphql"))
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        if (answer["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"GraphQL errors: {errors.ToJsonString()}");
        }
        return answer["data"]!.AsObject();
    }
}
