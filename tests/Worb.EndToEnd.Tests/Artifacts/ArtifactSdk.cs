using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Artifacts;

/// <summary>
/// Logs and uses artifacts the way the wandb SDK 0.17.9 does (PROTOCOL.md §10.1, the same mutation texts): CreateArtifact,
/// CreateArtifactManifest, CreateArtifactFiles, PUTs to the handed-out URLs (no auth), the manifest, CommitArtifact.
/// </summary>
public sealed class ArtifactSdk(WorbHostProcess host)
{
    private const string CreateArtifact = """
        mutation CreateArtifact($artifactTypeName: String!, $artifactCollectionNames: [String!], $entityName: String!, $projectName: String!, $runName: String, $description: String, $digest: String!, $aliases: [ArtifactAliasInput!], $metadata: JSONString, $clientID: ID, $sequenceClientID: ID, $ttlDurationSeconds: Int64) {
          createArtifact(input: {artifactTypeName: $artifactTypeName, artifactCollectionNames: $artifactCollectionNames, entityName: $entityName, projectName: $projectName, runName: $runName, description: $description, digest: $digest, digestAlgorithm: MANIFEST_MD5, aliases: $aliases, metadata: $metadata, clientID: $clientID, sequenceClientID: $sequenceClientID, enableDigestDeduplication: true, ttlDurationSeconds: $ttlDurationSeconds}) {
            artifact { id state artifactSequence { id latestArtifact { id versionIndex } } }
          }
        }
        """;

    private const string CreateArtifactManifest = """
        mutation CreateArtifactManifest($name: String!, $digest: String!, $artifactID: ID!, $baseArtifactID: ID, $entityName: String!, $projectName: String!, $runName: String!, $includeUpload: Boolean!) {
          createArtifactManifest(input: {name: $name, digest: $digest, artifactID: $artifactID, baseArtifactID: $baseArtifactID, entityName: $entityName, projectName: $projectName, runName: $runName}) {
            artifactManifest { id file { id name displayName uploadUrl @include(if: $includeUpload) uploadHeaders @include(if: $includeUpload) } }
          }
        }
        """;

    private const string CreateArtifactFiles = """
        mutation CreateArtifactFiles($storageLayout: ArtifactStorageLayout!, $artifactFiles: [CreateArtifactFileSpecInput!]!) {
          createArtifactFiles(input: {artifactFiles: $artifactFiles, storageLayout: $storageLayout}) {
            files { edges { node { id name displayName uploadUrl uploadHeaders storagePath uploadMultipartUrls { uploadID uploadUrlParts { partNumber uploadUrl } } artifact { id } } } }
          }
        }
        """;

    private const string CommitArtifact = """
        mutation CommitArtifact($artifactID: ID!) {
          commitArtifact(input: {artifactID: $artifactID}) { artifact { id digest } }
        }
        """;

    private const string UseArtifact = """
        mutation UseArtifact($entityName: String!, $projectName: String!, $runName: String!, $artifactID: ID!, $usedAs: String) {
          useArtifact(input: {entityName: $entityName, projectName: $projectName, runName: $runName, artifactID: $artifactID, usedAs: $usedAs}) {
            artifact { id digest description state createdAt metadata }
          }
        }
        """;

    public GraphQlClient GraphQl { get; } = new(host);

    /// <summary>
    /// Logs an artifact from <paramref name="run"/>. <paramref name="skipUpload"/> leaves out the PUT of that file;
    /// <paramref name="commit"/> false stops before CommitArtifact. Every GraphQL step must succeed except the commit,
    /// whose answer is returned.
    /// </summary>
    public async Task<LoggedArtifact> LogAsync(
        ClientSession run,
        string name,
        string type,
        IReadOnlyDictionary<string, byte[]> files,
        IReadOnlyList<string> aliases,
        string? skipUpload = null,
        bool commit = true,
        string metadata = "{\"rows\": 2}")
    {
        var md5s = files.ToDictionary(f => f.Key, f => Convert.ToBase64String(MD5.HashData(f.Value)));
        var create = await GraphQl.QueryAsync(CreateArtifact, new JsonObject
        {
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.RunName,
            ["artifactTypeName"] = type,
            ["artifactCollectionNames"] = new JsonArray(name),
            ["clientID"] = Guid.NewGuid().ToString("N"),
            ["sequenceClientID"] = Guid.NewGuid().ToString("N"),
            ["digest"] = Digest(md5s),
            ["description"] = null,
            ["aliases"] = new JsonArray(aliases.Select(a => (JsonNode?)new JsonObject { ["artifactCollectionName"] = name, ["alias"] = a }).ToArray()),
            ["metadata"] = metadata,
            ["ttlDurationSeconds"] = null,
        });
        var artifact = create["createArtifact"]!["artifact"]!;
        var id = artifact["id"]!.GetValue<string>();
        var state = artifact["state"]!.GetValue<string>();
        if (state == "COMMITTED")
        {
            return new LoggedArtifact(id, state, [], null);
        }
        var baseId = artifact["artifactSequence"]?["latestArtifact"]?["id"]?.GetValue<string>();

        var manifestVariables = new JsonObject
        {
            ["name"] = "wandb_manifest.json",
            ["digest"] = "",
            ["artifactID"] = id,
            ["baseArtifactID"] = baseId,
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.RunName,
            ["includeUpload"] = false,
        };
        await GraphQl.QueryAsync(CreateArtifactManifest, manifestVariables.DeepClone().AsObject());

        var created = await GraphQl.QueryAsync(CreateArtifactFiles, new JsonObject
        {
            ["storageLayout"] = "V2",
            ["artifactFiles"] = new JsonArray(files.Keys.Select(f => (JsonNode?)new JsonObject
            {
                ["artifactID"] = id,
                ["artifactManifestID"] = null,
                ["name"] = f,
                ["md5"] = md5s[f],
                ["uploadPartsInput"] = new JsonArray(),
            }).ToArray()),
        });
        var uploaded = new List<string>();
        var births = new Dictionary<string, string>();
        foreach (var node in created["createArtifactFiles"]!["files"]!["edges"]!.AsArray().Select(e => e!["node"]!))
        {
            var file = node["name"]!.GetValue<string>();
            births[file] = node["artifact"]!["id"]!.GetValue<string>();
            if (node["uploadUrl"]?.GetValue<string>() is { } url && file != skipUpload)
            {
                await PutAsync(url, files[file]);
                uploaded.Add(file);
            }
        }

        var contents = new JsonObject();
        foreach (var file in files.Keys.Order(StringComparer.Ordinal))
        {
            contents[file] = new JsonObject { ["digest"] = md5s[file], ["birthArtifactID"] = births[file], ["size"] = files[file].Length };
        }
        var manifest = Encoding.UTF8.GetBytes(PythonJson.Dump(new JsonObject
        {
            ["version"] = 1,
            ["storagePolicy"] = "wandb-storage-policy-v1",
            ["storagePolicyConfig"] = new JsonObject { ["storageLayout"] = "V2" },
            ["contents"] = contents,
        }));
        manifestVariables["digest"] = Convert.ToBase64String(MD5.HashData(manifest));
        manifestVariables["includeUpload"] = true;
        var withUpload = await GraphQl.QueryAsync(CreateArtifactManifest, manifestVariables.DeepClone().AsObject());
        await PutAsync(withUpload["createArtifactManifest"]!["artifactManifest"]!["file"]!["uploadUrl"]!.GetValue<string>(), manifest);

        JsonObject? commitAnswer = null;
        if (commit)
        {
            (_, commitAnswer, _) = await GraphQl.SendRawAsync(CommitArtifact, new JsonObject { ["artifactID"] = id });
        }
        return new LoggedArtifact(id, state, uploaded, commitAnswer);
    }

    public Task<JsonObject> UseAsync(ClientSession run, string artifactId, string usedAs) =>
        GraphQl.QueryAsync(UseArtifact, new JsonObject
        {
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.RunName,
            ["artifactID"] = artifactId,
            ["usedAs"] = usedAs,
        });

    /// <summary>ArtifactByName: the artifact, or null when the project has no such version.</summary>
    public async Task<JsonObject?> ByNameAsync(string entity, string project, string name)
    {
        var data = await GraphQl.QueryAsync(ArtifactQueries.ArtifactByName, new JsonObject { ["entityName"] = entity, ["projectName"] = project, ["name"] = name });
        return data["project"]?["artifact"] as JsonObject;
    }

    /// <summary>Downloads every file of the artifact through its directUrl (no auth), by path.</summary>
    public async Task<Dictionary<string, byte[]>> DownloadAsync(string artifactId)
    {
        var data = await GraphQl.QueryAsync(ArtifactQueries.ArtifactFileUrls, new JsonObject { ["id"] = artifactId, ["cursor"] = null, ["perPage"] = 5000 });
        var files = new Dictionary<string, byte[]>();
        foreach (var node in data["artifact"]!["files"]!["edges"]!.AsArray().Select(e => e!["node"]!))
        {
            using var response = await host.HttpClient.GetAsync(new Uri(node["directUrl"]!.GetValue<string>()));
            response.EnsureSuccessStatusCode();
            files[node["name"]!.GetValue<string>()] = await response.Content.ReadAsByteArrayAsync();
        }
        return files;
    }

    /// <summary>A PUT as the SDK's file pusher sends it (no auth, no content type); returns status and body.</summary>
    public async Task<(int Status, string Body)> PutRawAsync(string url, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(url)) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("User-Agent", "python-requests/2.28.1");
        using var response = await host.HttpClient.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The artifact digest the SDK computes: hex MD5 of the manifest header and "path:digest" lines.</summary>
    public static string Digest(IReadOnlyDictionary<string, string> md5s)
    {
        var text = new StringBuilder("wandb-artifact-manifest-v1\n");
        foreach (var (path, md5) in md5s.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(path).Append(':').Append(md5).Append('\n');
        }
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private async Task PutAsync(string url, byte[] bytes)
    {
        var (status, body) = await PutRawAsync(url, bytes);
        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"PUT {url}: {status} {body}");
        }
    }
}

/// <summary>What logging an artifact did: its id and CreateArtifact state, the files PUT, and the commit answer.</summary>
public sealed record LoggedArtifact(string Id, string State, IReadOnlyList<string> Uploaded, JsonObject? CommitAnswer);
