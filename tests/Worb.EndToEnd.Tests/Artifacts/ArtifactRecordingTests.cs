using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Artifacts;

/// <summary>
/// 10_artifacts (PROTOCOL.md §10): run A logs <c>dataset</c> (two files and an http reference) and a wandb.Table;
/// run B uses <c>dataset:latest</c>, downloads it (every byte compared with what A uploaded), logs v1 with one file
/// changed, then the same contents again (answered COMMITTED: nothing uploaded). Only <c>/refdata/*</c> is skipped.
/// </summary>
public sealed class ArtifactRecordingTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Artifacts_are_logged_used_downloaded_byte_for_byte_and_deduplicated()
    {
        var recording = await TrafficRecording.LoadAsync("10_artifacts");
        var log = await new TrafficReplayer(fixture.Host).ReplayAsync(recording);
        var entity = log.Entity!;

        Assert.All(log.Skipped, s => Assert.True(
            s.Record.Path.StartsWith("/refdata/", StringComparison.Ordinal) || s.Reason.Contains("no upload", StringComparison.Ordinal),
            $"{s.Record} skipped: {s.Reason}"));
        Assert.DoesNotContain(log.Skipped, s => s.Record.IsArtifactTransfer);
        // Phase B's manifest and both file downloads, and the manifest reads after each log, all compared byte for byte.
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 132);
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 133);
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 130);

        var api = new GraphQlClient(fixture.Host);
        var v0 = await ByNameAsync(api, entity, "dataset:v0");
        var v1 = await ByNameAsync(api, entity, "dataset:latest");
        Assert.Equal(0, v0["versionIndex"]!.GetValue<int>());
        Assert.Equal(1, v1["versionIndex"]!.GetValue<int>());
        Assert.Equal(["v0", "v-best"], Aliases(v0));
        Assert.Equal(["v1", "latest"], Aliases(v1));
        Assert.Equal((await ByNameAsync(api, entity, "dataset:v-best"))["id"]!.GetValue<string>(), v0["id"]!.GetValue<string>());
        Assert.Equal("afec636dbeef1d7c92854d4cbdeaeac7", v0["digest"]!.GetValue<string>());
        Assert.Equal(3, v0["fileCount"]!.GetValue<int>());
        Assert.Equal(88, v0["size"]!.GetValue<long>());
        Assert.Equal("{\"rows\": 2, \"source\": \"capture\", \"nested\": {\"k\": [1, 2]}}", v0["metadata"]!.GetValue<string>());

        // v1: a.txt was stored by v0 already, so CreateArtifactFiles gave no upload URL and named v0 as its birth artifact.
        var filesB = log.AnswerTo(141)["data"]!["createArtifactFiles"]!["files"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        var aTxt = filesB.Single(n => n["name"]!.GetValue<string>() == "a.txt");
        Assert.Null(aTxt["uploadUrl"]);
        Assert.Equal(v0["id"]!.GetValue<string>(), aTxt["artifact"]!["id"]!.GetValue<string>());
        Assert.NotNull(filesB.Single(n => n["name"]!.GetValue<string>() == "sub/b.csv")["uploadUrl"]);
        // The third log (same digest as v1) was answered with v1, COMMITTED: the client uploads nothing.
        var third = log.AnswerTo(150)["data"]!["createArtifact"]!["artifact"]!;
        Assert.Equal("COMMITTED", third["state"]!.GetValue<string>());
        Assert.Equal(v1["id"]!.GetValue<string>(), third["id"]!.GetValue<string>());

        // v1's files: a.txt from v0's bytes, the changed sub/b.csv from v1's upload.
        var v1Files = await FilesAsync(api, v1["id"]!.GetValue<string>());
        Assert.Equal(["a.txt", "sub/b.csv"], v1Files.Keys);
        Assert.Equal(recording.Records.Single(r => r.Seq == 82).BodyBytes(), await DownloadAsync(v1Files["a.txt"]));
        Assert.Equal(recording.Records.Single(r => r.Seq == 142).BodyBytes(), await DownloadAsync(v1Files["sub/b.csv"]));

        // Lineage.
        var runA = await RunArtifactsAsync(api, entity, "iwv00t6w");
        var runB = await RunArtifactsAsync(api, entity, "5b8km3o3");
        Assert.Equal(["dataset:v0", "run-iwv00t6w-table:v0"], runA.Logged);
        Assert.Empty(runA.Used);
        Assert.Equal(["dataset:v1"], runB.Logged);
        Assert.Equal(["dataset:v0"], runB.Used);
    }

    [Fact]
    public async Task The_table_in_the_history_row_resolves_to_its_run_table_artifact()
    {
        // A host of its own: the recording logs the same artifacts again, which the other test counts versions of.
        await using var host = await WorbHostProcess.StartAsync();
        var recording = await TrafficRecording.LoadAsync("10_artifacts");
        var log = await new TrafficReplayer(host).ReplayAsync(recording, new ReplayOptions { Include = r => r.Seq < 117 });
        var api = new GraphQlClient(host);
        var history = await new PublicApi(host).FullHistoryAsync(log.Entity!, "p", "iwv00t6w", 500);
        var table = JsonNode.Parse(Assert.Single(history))!["table"]!;
        Assert.Equal("table-file", table["_type"]!.GetValue<string>());

        // artifact_path: wandb-client-artifact://<clientID>/table.table.json
        var path = new Uri(table["artifact_path"]!.GetValue<string>());
        Assert.Equal("wandb-client-artifact", path.Scheme);
        var mapping = await api.QueryAsync(ArtifactQueries.ClientIdMapping, new JsonObject { ["clientID"] = path.Host });
        var artifactId = mapping["clientIDMapping"]!["serverID"]!.GetValue<string>();
        var files = await FilesAsync(api, artifactId);
        var tableJson = await DownloadAsync(files[path.AbsolutePath.TrimStart('/')]);
        Assert.Equal(Encoding.UTF8.GetBytes(PythonJson.Dump(recording.Records.Single(r => r.Seq == 96).Body, indent: null)), tableJson);
        Assert.Equal(3, JsonNode.Parse(tableJson)!["ncols"]!.GetValue<int>());

        // _latest_artifact_path: wandb-client-artifact://<sequenceClientID>:latest/table.table.json
        var latest = table["_latest_artifact_path"]!.GetValue<string>();
        var sequenceClientId = latest["wandb-client-artifact://".Length..latest.IndexOf(':', "wandb-client-artifact://".Length)];
        var sequence = await api.QueryAsync(ArtifactQueries.ClientIdMapping, new JsonObject { ["clientID"] = sequenceClientId });
        Assert.NotNull(sequence["clientIDMapping"]?["serverID"]);

        // The media file of the table is a run file as well.
        var run = await ByNameAsync(api, log.Entity!, "run-iwv00t6w-table:latest");
        Assert.Equal("run_table", run["artifactType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_recorded_manifests_are_python_json_dumps_with_indent_4()
    {
        // The harness rebuilds manifests with the server's ids; this checks its writer against the recorded digests.
        var recording = await TrafficRecording.LoadAsync("10_artifacts");
        var puts = recording.Records.Where(r => r.Method == "PUT" && r.IsArtifactManifestTransfer).ToList();
        Assert.Equal(3, puts.Count);
        foreach (var put in puts)
        {
            var announce = recording.Records.Last(r => r.Seq < put.Seq && r.OperationName == "CreateArtifactManifest");
            var bytes = Encoding.UTF8.GetBytes(PythonJson.Dump(put.Body));
            Assert.Equal(announce.Variables["digest"]!.GetValue<string>(), Convert.ToBase64String(MD5.HashData(bytes)));
        }
    }

    private static async Task<JsonObject> ByNameAsync(GraphQlClient api, string entity, string name)
    {
        var data = await api.QueryAsync(ArtifactQueries.ArtifactByName, new JsonObject { ["entityName"] = entity, ["projectName"] = "p", ["name"] = name });
        return data["project"]?["artifact"] as JsonObject ?? throw new GraphQlException($"no artifact {name}");
    }

    private static List<string> Aliases(JsonObject artifact) =>
        artifact["aliases"]!.AsArray().Select(a => a!["alias"]!.GetValue<string>()).ToList();

    private static async Task<Dictionary<string, string>> FilesAsync(GraphQlClient api, string artifactId)
    {
        var data = await api.QueryAsync(ArtifactQueries.ArtifactFileUrls, new JsonObject { ["id"] = artifactId, ["cursor"] = null, ["perPage"] = 5000 });
        return data["artifact"]!["files"]!["edges"]!.AsArray()
            .ToDictionary(e => e!["node"]!["name"]!.GetValue<string>(), e => e!["node"]!["directUrl"]!.GetValue<string>());
    }

    private async Task<byte[]> DownloadAsync(string url)
    {
        using var response = await fixture.Host.HttpClient.GetAsync(new Uri(url));
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<(List<string> Logged, List<string> Used)> RunArtifactsAsync(GraphQlClient api, string entity, string run)
    {
        var data = await api.QueryAsync(ArtifactQueries.RunArtifacts, new JsonObject { ["entity"] = entity, ["project"] = "p", ["runName"] = run });
        static List<string> Names(JsonNode? connection) => connection!["edges"]!.AsArray()
            .Select(e => $"{e!["node"]!["artifactSequence"]!["name"]!.GetValue<string>()}:v{e["node"]!["versionIndex"]!.GetValue<int>()}")
            .ToList();
        var runNode = data["project"]!["run"]!;
        return (Names(runNode["outputArtifacts"]), Names(runNode["inputArtifacts"]));
    }
}
