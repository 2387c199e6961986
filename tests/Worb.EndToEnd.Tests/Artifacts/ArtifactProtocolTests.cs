using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.Artifacts;

/// <summary>
/// Artifacts through the real host, driven as the SDK drives them: versions and alias moves, use and lineage,
/// digest and file de-duplication, the dashboard's REST API, and bad input. Each test works in a project of its own.
/// </summary>
public sealed class ArtifactProtocolTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    private static Dictionary<string, byte[]> Files(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));

    private async Task<ClientSession> NewRunAsync(string project)
    {
        var run = new ClientSession(fixture.Host, project, ClientSession.NewRunId());
        await run.CreateRunAsync();
        return run;
    }

    private static string Project() => "art-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Versions_count_up_latest_follows_the_newest_and_a_user_alias_moves_to_the_version_it_was_given()
    {
        var project = Project();
        var producer = await NewRunAsync(project);
        var sdk = new ArtifactSdk(fixture.Host);
        var v0 = await sdk.LogAsync(producer, "model", "model", Files(("w.bin", "weights 0")), ["best", "latest"]);
        var v1 = await sdk.LogAsync(producer, "model", "model", Files(("w.bin", "weights 1")), ["latest"]);
        var bestBytes = Files(("w.bin", "weights 2"), ("cfg/params.json", "{\"lr\": 0.1}"));
        var v2 = await sdk.LogAsync(producer, "model", "model", bestBytes, ["best", "latest"]);
        var v3 = await sdk.LogAsync(producer, "model", "model", Files(("w.bin", "weights 3")), ["latest"]);
        Assert.All(new[] { v0, v1, v2, v3 }, a => Assert.Null(a.CommitAnswer?["errors"]));

        var entity = producer.Entity;
        Assert.Equal(["v0"], Aliases(await sdk.ByNameAsync(entity, project, "model:v0")));
        Assert.Equal(["v1"], Aliases(await sdk.ByNameAsync(entity, project, "model:v1")));
        Assert.Equal(["v2", "best"], Aliases(await sdk.ByNameAsync(entity, project, "model:best")));
        Assert.Equal(["v3", "latest"], Aliases(await sdk.ByNameAsync(entity, project, "model:latest")));
        Assert.Equal(v3.Id, (await sdk.ByNameAsync(entity, project, "model"))!["id"]!.GetValue<string>());

        // Another run uses model:best and gets exactly those bytes back.
        var consumer = await NewRunAsync(project);
        var best = await sdk.ByNameAsync(entity, project, "model:best");
        var used = await sdk.UseAsync(consumer, best!["id"]!.GetValue<string>(), "model:best");
        Assert.Equal(v2.Id, used["useArtifact"]!["artifact"]!["id"]!.GetValue<string>());
        var downloaded = await sdk.DownloadAsync(v2.Id);
        Assert.Equal(bestBytes.Keys.Order(), downloaded.Keys.Order());
        Assert.All(bestBytes, f => Assert.Equal(f.Value, downloaded[f.Key]));

        // api.artifacts("model", "model"): versions newest first, with their version names.
        var versions = await sdk.GraphQl.QueryAsync(ArtifactQueries.CollectionVersions, new JsonObject
        {
            ["project"] = project,
            ["entity"] = entity,
            ["type"] = "model",
            ["collection"] = "model",
            ["filters"] = "{\"state\": \"COMMITTED\"}",
        });
        var connection = versions["project"]!["artifactType"]!["artifactCollection"]!["artifacts"]!;
        Assert.Equal(4, connection["totalCount"]!.GetValue<int>());
        Assert.Equal(["v3", "v2", "v1", "v0"], connection["edges"]!.AsArray().Select(e => e!["version"]!.GetValue<string>()));

        // Lineage, through GraphQL and the REST API.
        var lineage = await sdk.GraphQl.QueryAsync(ArtifactQueries.RunArtifacts, new JsonObject { ["entity"] = entity, ["project"] = project, ["runName"] = consumer.RunName });
        Assert.Equal(v2.Id, Assert.Single(lineage["project"]!["run"]!["inputArtifacts"]!["edges"]!.AsArray())!["node"]!["id"]!.GetValue<string>());
        Assert.Empty(lineage["project"]!["run"]!["outputArtifacts"]!["edges"]!.AsArray());

        var types = await GetJsonAsync($"/api/artifacts/{entity}/{project}");
        var collection = Assert.Single(Assert.Single(types["types"]!.AsArray())!["collections"]!.AsArray())!;
        Assert.Equal("model", collection["name"]!.GetValue<string>());
        Assert.Equal(4, collection["versionCount"]!.GetValue<int>());
        Assert.Equal("v3", collection["latestVersion"]!.GetValue<string>());
        var list = await GetJsonAsync($"/api/artifacts/{entity}/{project}/collections/model");
        Assert.Equal(["v3", "v2", "v1", "v0"], list["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        var detail = await GetJsonAsync($"/api/artifacts/{entity}/{project}/collections/model/versions/best");
        Assert.Equal("v2", detail["artifact"]!["version"]!.GetValue<string>());
        Assert.Equal(2, detail["artifact"]!["metadata"]!["rows"]!.GetValue<int>());
        Assert.Equal(producer.RunName, detail["artifact"]!["loggedBy"]!["run"]!.GetValue<string>());
        Assert.Equal(consumer.RunName, Assert.Single(detail["usedBy"]!.AsArray())!["run"]!.GetValue<string>());
        foreach (var file in detail["files"]!.AsArray())
        {
            using var response = await fixture.Host.HttpClient.GetAsync(new Uri(file!["downloadUrl"]!.GetValue<string>()));
            Assert.Equal(bestBytes[file["path"]!.GetValue<string>()], await response.Content.ReadAsByteArrayAsync());
        }
        var runs = await GetJsonAsync($"/api/artifacts/{entity}/{project}/runs/{producer.RunName}");
        Assert.Equal(["v0", "v1", "v2", "v3"], runs["logged"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        using var missing = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url($"/api/artifacts/{entity}/{project}/collections/nope"));
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task A_second_identical_log_uploads_nothing_and_unchanged_files_keep_their_birth_artifact()
    {
        var project = Project();
        var run = await NewRunAsync(project);
        var sdk = new ArtifactSdk(fixture.Host);
        var files = Files(("a.txt", "alpha"), ("sub/b.csv", "x,y\n1,2\n"));
        var first = await sdk.LogAsync(run, "data", "dataset", files, ["latest"]);
        Assert.Equal(["a.txt", "sub/b.csv"], first.Uploaded.Order());

        var again = await sdk.LogAsync(run, "data", "dataset", files, ["latest", "again"]);
        Assert.Equal("COMMITTED", again.State);
        Assert.Equal(first.Id, again.Id);
        Assert.Empty(again.Uploaded);
        Assert.Equal(["v0", "latest", "again"], Aliases(await sdk.ByNameAsync(run.Entity, project, "data:again")));

        var changed = Files(("a.txt", "alpha"), ("sub/b.csv", "x,y\n3,4\n"));
        var second = await sdk.LogAsync(run, "data", "dataset", changed, ["latest"]);
        Assert.Equal(["sub/b.csv"], second.Uploaded);
        var v1 = await sdk.ByNameAsync(run.Entity, project, "data:latest");
        Assert.Equal(1, v1!["versionIndex"]!.GetValue<int>());
        var downloaded = await sdk.DownloadAsync(second.Id);
        Assert.All(changed, f => Assert.Equal(f.Value, downloaded[f.Key]));
    }

    [Fact]
    public async Task A_put_whose_bytes_do_not_match_the_announced_md5_is_refused_stores_nothing_and_the_commit_is_refused()
    {
        var project = Project();
        var run = await NewRunAsync(project);
        var sdk = new ArtifactSdk(fixture.Host);
        var blobsBefore = Blobs();
        // Announce the files, upload everything except "a.txt", and do not commit yet.
        var files = Files(("a.txt", "the announced bytes"), ("b.txt", "b"));
        var pending = await sdk.LogAsync(run, "broken", "dataset", files, ["latest"], skipUpload: "a.txt", commit: false);
        var nodes = await AnnounceAgainAsync(sdk, pending.Id, "a.txt", files["a.txt"]);
        var uploadUrl = nodes["uploadUrl"]!.GetValue<string>();
        var blobsAfterAnnounce = Blobs();
        Assert.NotEmpty(blobsAfterAnnounce);

        var (status, body) = await sdk.PutRawAsync(uploadUrl, Encoding.UTF8.GetBytes("other bytes"));
        Assert.Equal(400, status);
        Assert.Contains("MD5", body, StringComparison.Ordinal);
        Assert.Equal(blobsAfterAnnounce, Blobs());

        var (_, commit, _) = await sdk.GraphQl.SendRawAsync("mutation CommitArtifact($artifactID: ID!) { commitArtifact(input: {artifactID: $artifactID}) { artifact { id } } }",
            new JsonObject { ["artifactID"] = pending.Id });
        var error = commit!["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("a.txt", error, StringComparison.Ordinal);
        Assert.Contains("never uploaded", error, StringComparison.Ordinal);
        // Never committed: invisible by name (the SDK's type check sees null), and it cannot be used.
        Assert.Null(await sdk.ByNameAsync(run.Entity, project, "broken:latest"));
        var (_, use, _) = await sdk.GraphQl.SendRawAsync(
            "mutation UseArtifact($entityName: String!, $projectName: String!, $runName: String!, $artifactID: ID!) { useArtifact(input: {entityName: $entityName, projectName: $projectName, runName: $runName, artifactID: $artifactID}) { artifact { id } } }",
            new JsonObject { ["entityName"] = run.Entity, ["projectName"] = project, ["runName"] = run.RunName, ["artifactID"] = pending.Id });
        Assert.Contains("not committed", use!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The right bytes are accepted; then the commit goes through.
        Assert.Equal(200, (await sdk.PutRawAsync(uploadUrl, files["a.txt"])).Status);
        var (_, retry, _) = await sdk.GraphQl.SendRawAsync("mutation CommitArtifact($artifactID: ID!) { commitArtifact(input: {artifactID: $artifactID}) { artifact { id state } } }",
            new JsonObject { ["artifactID"] = pending.Id });
        Assert.Equal("COMMITTED", retry!["data"]!["commitArtifact"]!["artifact"]!["state"]!.GetValue<string>());
        Assert.True(Blobs().Count > blobsBefore.Count);
    }

    [Fact]
    public async Task Unknown_names_and_aliases_answer_null_and_malformed_ones_get_a_clear_error()
    {
        var project = Project();
        var run = await NewRunAsync(project);
        var sdk = new ArtifactSdk(fixture.Host);
        await sdk.LogAsync(run, "known", "dataset", Files(("f", "1")), ["latest"]);

        var typeCheck = await sdk.GraphQl.QueryAsync(ArtifactQueries.ArtifactType, new JsonObject { ["entityName"] = run.Entity, ["projectName"] = project, ["name"] = "new-name:latest" });
        Assert.Null(typeCheck["project"]!["artifact"]);
        Assert.Equal("dataset", (await sdk.GraphQl.QueryAsync(ArtifactQueries.ArtifactType,
            new JsonObject { ["entityName"] = run.Entity, ["projectName"] = project, ["name"] = "known:latest" }))["project"]!["artifact"]!["artifactType"]!["name"]!.GetValue<string>());
        Assert.Null(await sdk.ByNameAsync(run.Entity, project, "known:no-such-alias"));
        Assert.Null(await sdk.ByNameAsync(run.Entity, project, "known:v7"));

        foreach (var (query, variables, expected) in new (string, JsonObject, string)[]
        {
            (ArtifactQueries.ArtifactByName, new JsonObject { ["entityName"] = run.Entity, ["projectName"] = project, ["name"] = "a:b:c" }, "not an artifact name"),
            (ArtifactQueries.ArtifactFileUrls, new JsonObject { ["id"] = "not-an-id" }, "not an artifact id"),
        })
        {
            var (status, answer, _) = await sdk.GraphQl.SendRawAsync(query, variables);
            Assert.Equal(200, status);
            Assert.Contains(expected, answer!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A collection keeps its type.
        var error = await Assert.ThrowsAsync<GraphQlException>(() => sdk.LogAsync(run, "known", "model", Files(("f", "2")), ["latest"]));
        Assert.Contains("has type", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> AnnounceAgainAsync(ArtifactSdk sdk, string artifactId, string name, byte[] bytes)
    {
        var data = await sdk.GraphQl.QueryAsync("""
            mutation CreateArtifactFiles($storageLayout: ArtifactStorageLayout!, $artifactFiles: [CreateArtifactFileSpecInput!]!) {
              createArtifactFiles(input: {artifactFiles: $artifactFiles, storageLayout: $storageLayout}) { files { edges { node { name uploadUrl artifact { id } } } } }
            }
            """, new JsonObject
        {
            ["storageLayout"] = "V2",
            ["artifactFiles"] = new JsonArray(new JsonObject
            {
                ["artifactID"] = artifactId,
                ["name"] = name,
                ["md5"] = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(bytes)),
            }),
        });
        return data["createArtifactFiles"]!["files"]!["edges"]![0]!["node"]!.AsObject();
    }

    private HashSet<string> Blobs()
    {
        var root = Path.Combine(fixture.Host.DataDir, "files");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Where(f => !f.StartsWith("tmp", StringComparison.Ordinal))
                .ToHashSet()
            : [];
    }

    private async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url(path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static List<string> Aliases(JsonObject? artifact) =>
        (artifact ?? throw new InvalidOperationException("no such artifact"))["aliases"]!.AsArray().Select(a => a!["alias"]!.GetValue<string>()).ToList();
}
