using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// Logs and uses artifacts from a <see cref="WandbRun"/> as the wandb SDK does (PROTOCOL.md §10.1): CreateArtifact,
/// CreateArtifactManifest, CreateArtifactFiles, PUTs to the handed-out URLs, the manifest, CommitArtifact; UseArtifact.
/// </summary>
public sealed class WandbArtifacts(WorbHostProcess host)
{
    private const string CreateArtifact = """
        mutation CreateArtifact($artifactTypeName: String!, $artifactCollectionNames: [String!], $entityName: String!, $projectName: String!, $runName: String, $digest: String!, $aliases: [ArtifactAliasInput!], $metadata: JSONString, $clientID: ID, $sequenceClientID: ID) {
          createArtifact(input: {artifactTypeName: $artifactTypeName, artifactCollectionNames: $artifactCollectionNames, entityName: $entityName, projectName: $projectName, runName: $runName, digest: $digest, digestAlgorithm: MANIFEST_MD5, aliases: $aliases, metadata: $metadata, clientID: $clientID, sequenceClientID: $sequenceClientID, enableDigestDeduplication: true}) {
            artifact { id state artifactSequence { id latestArtifact { id versionIndex } } }
          }
        }
        """;

    private const string CreateArtifactManifest = """
        mutation CreateArtifactManifest($name: String!, $digest: String!, $artifactID: ID!, $baseArtifactID: ID, $entityName: String!, $projectName: String!, $runName: String!, $includeUpload: Boolean!) {
          createArtifactManifest(input: {name: $name, digest: $digest, artifactID: $artifactID, baseArtifactID: $baseArtifactID, entityName: $entityName, projectName: $projectName, runName: $runName}) {
            artifactManifest { id file { id name uploadUrl @include(if: $includeUpload) } }
          }
        }
        """;

    private const string CreateArtifactFiles = """
        mutation CreateArtifactFiles($storageLayout: ArtifactStorageLayout!, $artifactFiles: [CreateArtifactFileSpecInput!]!) {
          createArtifactFiles(input: {artifactFiles: $artifactFiles, storageLayout: $storageLayout}) {
            files { edges { node { id name uploadUrl artifact { id } } } }
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
            artifact { id }
          }
        }
        """;

    /// <summary>Logs and commits a new version of <paramref name="name"/>; answers the artifact's id.</summary>
    public async Task<string> LogAsync(
        WandbRun run, string name, string type, IReadOnlyDictionary<string, byte[]> files, IReadOnlyList<string> aliases,
        string metadata = "{}", CancellationToken cancellationToken = default)
    {
        var md5s = files.ToDictionary(f => f.Key, f => Convert.ToBase64String(MD5.HashData(f.Value)));
        var created = await run.GraphQlAsync(CreateArtifact, new JsonObject
        {
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.Name,
            ["artifactTypeName"] = type,
            ["artifactCollectionNames"] = new JsonArray(name),
            ["clientID"] = Guid.NewGuid().ToString("N"),
            ["sequenceClientID"] = Guid.NewGuid().ToString("N"),
            ["digest"] = Digest(md5s),
            ["aliases"] = new JsonArray(aliases.Select(a => (JsonNode?)new JsonObject { ["artifactCollectionName"] = name, ["alias"] = a }).ToArray()),
            ["metadata"] = metadata,
        }, cancellationToken);
        var artifact = created["createArtifact"]!["artifact"]!;
        var id = artifact["id"]!.GetValue<string>();
        var manifestVariables = new JsonObject
        {
            ["name"] = "wandb_manifest.json",
            ["digest"] = "",
            ["artifactID"] = id,
            ["baseArtifactID"] = artifact["artifactSequence"]?["latestArtifact"]?["id"]?.GetValue<string>(),
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.Name,
            ["includeUpload"] = false,
        };
        await run.GraphQlAsync(CreateArtifactManifest, manifestVariables.DeepClone().AsObject(), cancellationToken);

        var announced = await run.GraphQlAsync(CreateArtifactFiles, new JsonObject
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
        }, cancellationToken);
        var contents = new JsonObject();
        foreach (var node in announced["createArtifactFiles"]!["files"]!["edges"]!.AsArray().Select(e => e!["node"]!))
        {
            var file = node["name"]!.GetValue<string>();
            if (node["uploadUrl"]?.GetValue<string>() is { } url)
            {
                await PutAsync(url, files[file], cancellationToken);
            }
            contents[file] = new JsonObject { ["digest"] = md5s[file], ["birthArtifactID"] = node["artifact"]!["id"]!.GetValue<string>(), ["size"] = files[file].Length };
        }
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = 1,
            ["storagePolicy"] = "wandb-storage-policy-v1",
            ["storagePolicyConfig"] = new JsonObject { ["storageLayout"] = "V2" },
            ["contents"] = contents,
        }.ToJsonString());
        manifestVariables["digest"] = Convert.ToBase64String(MD5.HashData(manifest));
        manifestVariables["includeUpload"] = true;
        var withUpload = await run.GraphQlAsync(CreateArtifactManifest, manifestVariables, cancellationToken);
        await PutAsync(withUpload["createArtifactManifest"]!["artifactManifest"]!["file"]!["uploadUrl"]!.GetValue<string>(), manifest, cancellationToken);
        await run.GraphQlAsync(CommitArtifact, new JsonObject { ["artifactID"] = id }, cancellationToken);
        return id;
    }

    public Task<JsonObject> UseAsync(WandbRun run, string artifactId, string usedAs, CancellationToken cancellationToken = default) =>
        run.GraphQlAsync(UseArtifact, new JsonObject
        {
            ["entityName"] = run.Entity,
            ["projectName"] = run.Project,
            ["runName"] = run.Name,
            ["artifactID"] = artifactId,
            ["usedAs"] = usedAs,
        }, cancellationToken);

    /// <summary>The artifact digest the SDK computes: hex MD5 of the manifest header and "path:digest" lines.</summary>
    private static string Digest(Dictionary<string, string> md5s)
    {
        var text = new StringBuilder("wandb-artifact-manifest-v1\n");
        foreach (var (path, md5) in md5s.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(path).Append(':').Append(md5).Append('\n');
        }
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A PUT as the SDK's file pusher sends it: no auth, no content type.</summary>
    private async Task PutAsync(string url, byte[] bytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(url)) { Content = new ByteArrayContent(bytes) };
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
