using System.Text.Json;
using Worb.Api.GraphQL;
using Worb.Grains.Interfaces;
using Xunit;

namespace Worb.Tests.GraphQL;

/// <summary>UpsertBucket, CreateRunFiles, NotifyScriptableRunAlert and stopRun against fake run grains.</summary>
public sealed class MutationTests
{
    private const string PythonConfig =
        "{\"lr\": {\"desc\": null, \"value\": 0.1}, \"_wandb\": {\"desc\": null, \"value\": {\"python_version\": \"3.11.2\", \"t\": {\"1\": [55]}}}}";

    [Fact]
    public async Task Python_UpsertBucket_without_entity_creates_the_run_in_the_default_entity()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var variables = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = null,
            ["entity"] = null,
            ["name"] = "p6jq8zee",
            ["project"] = "p",
            ["groupName"] = null,
            ["tags"] = null,
            ["description"] = null,
            ["config"] = PythonConfig,
            ["commit"] = null,
            ["displayName"] = null,
            ["notes"] = null,
            ["host"] = "vm",
            ["debug"] = false,
            ["repo"] = null,
            ["program"] = "/home/researcher/project/basic.py",
            ["jobType"] = null,
            ["state"] = null,
            ["sweep"] = null,
            ["summaryMetrics"] = null,
        });

        var data = await host.DataAsync(ClientQueries.PythonUpsertBucket, variables);

        var key = new RunKey(GraphQLTestHost.Entity, "p", "p6jq8zee");
        var upsert = Assert.Single(host.Grains.Run(key).Upserts);
        Assert.Equal(PythonConfig, upsert.ConfigJson);
        Assert.Equal("vm", upsert.Host);
        Assert.Equal("/home/researcher/project/basic.py", upsert.Program);
        Assert.Null(upsert.Tags);
        Assert.Null(upsert.DisplayName);
        var payload = data.GetProperty("upsertBucket");
        Assert.True(payload.GetProperty("inserted").GetBoolean());
        Assert.Equal(0, payload.GetProperty("serverSettings").GetProperty("serverMessages").GetArrayLength());
        var bucket = payload.GetProperty("bucket");
        Assert.Equal(GraphIds.Run(key), bucket.GetProperty("id").GetString());
        Assert.Equal("p6jq8zee", bucket.GetProperty("name").GetString());
        Assert.Equal("p6jq8zee", bucket.GetProperty("displayName").GetString());
        Assert.Equal(PythonConfig, bucket.GetProperty("config").GetString());
        Assert.Equal(JsonValueKind.Null, bucket.GetProperty("sweepName").ValueKind);
        Assert.Equal("p", bucket.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal(GraphQLTestHost.Entity, bucket.GetProperty("project").GetProperty("entity").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, bucket.GetProperty("historyLineCount").ValueKind);
        Assert.Equal(0, bucket.GetProperty("historyLineCount").GetInt32());
    }

    [Fact]
    public async Task Npm_UpsertBucket_passes_a_plain_config_and_the_display_name()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(
            ClientQueries.NpmUpsertBucket,
            """{"name":"m0j7v3ws","project":"p-npm","entity":"team-x","displayName":"npm-run","config":"{\"lr\":0.1,\"optimizer\":\"sgd\"}"}""");

        var upsert = Assert.Single(host.Grains.Run(new RunKey("team-x", "p-npm", "m0j7v3ws")).Upserts);
        Assert.Equal("{\"lr\":0.1,\"optimizer\":\"sgd\"}", upsert.ConfigJson);
        var bucket = data.GetProperty("upsertBucket").GetProperty("bucket");
        Assert.Equal("npm-run", bucket.GetProperty("displayName").GetString());
        Assert.Equal("team-x", bucket.GetProperty("project").GetProperty("entity").GetProperty("name").GetString());
        Assert.Equal("p-npm", bucket.GetProperty("project").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Core_UpsertBucket_reports_the_stored_history_line_count_and_inserted_false_on_update()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("alice", "demo", "r1x2c3v4");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 9, Key = key, HistoryLineCount = 12, ConfigJson = "{\"a\": 1}" };

        var data = await host.DataAsync(
            ClientQueries.CoreUpsertBucket,
            """{"id":null,"name":"r1x2c3v4","project":"demo","entity":"alice","groupName":null,"description":null,"displayName":null,"notes":null,"commit":null,"config":null,"host":null,"debug":null,"program":null,"repo":null,"jobType":null,"state":null,"sweep":null,"tags":null,"summaryMetrics":null}""");

        var payload = data.GetProperty("upsertBucket");
        Assert.False(payload.GetProperty("inserted").GetBoolean());
        Assert.Equal(12, payload.GetProperty("bucket").GetProperty("historyLineCount").GetInt32());
        Assert.Equal("{\"a\": 1}", payload.GetProperty("bucket").GetProperty("config").GetString());
        Assert.Null(Assert.Single(host.Grains.Run(key).Upserts).ConfigJson);
    }

    [Fact]
    public async Task UpsertBucket_with_only_an_id_addresses_the_run_the_id_names()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("alice", "demo", "r1x2c3v4");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 9, Key = key };

        var data = await host.DataAsync(
            ClientQueries.CoreUpsertBucket,
            JsonSerializer.Serialize(new { id = GraphIds.Run(key), name = (string?)null, project = (string?)null, entity = (string?)null, tags = new[] { "baseline" }, displayName = "fancy-sun-1" }));

        var upsert = Assert.Single(host.Grains.Run(key).Upserts);
        Assert.Equal(["baseline"], upsert.Tags!);
        Assert.Equal("fancy-sun-1", upsert.DisplayName);
        var bucket = data.GetProperty("upsertBucket").GetProperty("bucket");
        Assert.Equal("r1x2c3v4", bucket.GetProperty("name").GetString());
        Assert.Equal("fancy-sun-1", bucket.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task UpsertBucket_without_a_project_uses_uncategorized()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(ClientQueries.CoreUpsertBucket, """{"name":"abc","project":null,"entity":null}""");

        Assert.Single(host.Grains.Run(new RunKey(GraphQLTestHost.Entity, "uncategorized", "abc")).Upserts);
        Assert.Equal("uncategorized", data.GetProperty("upsertBucket").GetProperty("bucket").GetProperty("project").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(ClientQueries.CreateRunFiles)]
    [InlineData(ClientQueries.CoreCreateRunFiles)]
    public async Task CreateRunFiles_answers_one_upload_url_per_requested_name_in_order(string query)
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("alice", "demo", "r1x2c3v4");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 42, Key = key };

        var data = await host.DataAsync(
            query,
            """{"entity":"alice","project":"demo","run":"r1x2c3v4","files":["wandb-metadata.json","media/images/a b.png"]}""");

        var payload = data.GetProperty("createRunFiles");
        Assert.Equal(GraphIds.Run(key), payload.GetProperty("runID").GetString());
        Assert.Equal(0, payload.GetProperty("uploadHeaders").GetArrayLength());
        var files = payload.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal("wandb-metadata.json", files[0].GetProperty("name").GetString());
        Assert.Equal("http://worb.test/upload/42/wandb-metadata.json", files[0].GetProperty("uploadUrl").GetString());
        Assert.Equal("media/images/a b.png", files[1].GetProperty("name").GetString());
        Assert.Equal("http://worb.test/upload/42/media/images/a b.png", files[1].GetProperty("uploadUrl").GetString());
    }

    [Fact]
    public async Task CreateRunFiles_answers_no_upload_url_for_names_that_could_escape_the_run()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("alice", "demo", "r1x2c3v4");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 42, Key = key };
        var longName = new string('a', 5000);

        var data = await host.DataAsync(
            ClientQueries.CoreCreateRunFiles,
            $$"""{"entity":"alice","project":"demo","run":"r1x2c3v4","files":["../../etc/passwd","/etc/passwd","a/../../b","nul\u0000.txt","{{longName}}","ok.txt"]}""");

        var files = data.GetProperty("createRunFiles").GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(6, files.Count);
        Assert.All(files.Take(5), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("uploadUrl").ValueKind));
        Assert.Equal("../../etc/passwd", files[0].GetProperty("name").GetString());
        Assert.Equal("http://worb.test/upload/42/ok.txt", files[5].GetProperty("uploadUrl").GetString());
    }

    [Fact]
    public async Task CreateRunFiles_for_an_unknown_run_is_an_error_not_a_null_payload()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var text = await host.ExecuteAsync(
            ClientQueries.CoreCreateRunFiles, """{"entity":"alice","project":"demo","run":"nope","files":["a.txt"]}""");

        using var document = JsonDocument.Parse(text);
        Assert.True(document.RootElement.TryGetProperty("errors", out var errors));
        Assert.NotEqual(0, errors.GetArrayLength());
    }

    [Theory]
    [InlineData(ClientQueries.NotifyScriptableRunAlert)]
    [InlineData(ClientQueries.CoreNotifyScriptableRunAlert)]
    public async Task NotifyScriptableRunAlert_stores_the_alert_with_severity_and_wait_in_ms(string query)
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("capture-entity", "p", "klxff81h");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 3, Key = key };

        var data = await host.DataAsync(
            query,
            """{"entityName":"capture-entity","projectName":"p","runName":"klxff81h","title":"Low accuracy","text":"acc 0.5 \u003c 0.6","severity":"WARN","waitDuration":60000}""");

        Assert.True(data.GetProperty("notifyScriptableRunAlert").GetProperty("success").GetBoolean());
        var alert = Assert.Single(host.Grains.Run(key).Alerts);
        Assert.Equal(new RunAlert("Low accuracy", "acc 0.5 < 0.6", "WARN", 60000), alert);
    }

    [Fact]
    public async Task NotifyScriptableRunAlert_defaults_to_INFO_and_fails_for_an_unknown_run()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("e", "p", "r");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 3, Key = key };

        var known = await host.DataAsync(
            ClientQueries.NotifyScriptableRunAlert,
            """{"entityName":"e","projectName":"p","runName":"r","title":"t","text":"x","waitDuration":300000}""");
        var unknown = await host.DataAsync(
            ClientQueries.NotifyScriptableRunAlert,
            """{"entityName":"e","projectName":"p","runName":"other","title":"t","text":"x","severity":"ERROR","waitDuration":1}""");

        Assert.True(known.GetProperty("notifyScriptableRunAlert").GetProperty("success").GetBoolean());
        Assert.Equal(new RunAlert("t", "x", "INFO", 300000), Assert.Single(host.Grains.Run(key).Alerts));
        Assert.False(unknown.GetProperty("notifyScriptableRunAlert").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task StopRun_by_names_or_id_asks_the_grain_to_stop()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var key = new RunKey("e", "p", "r");
        host.Grains.Run(key).Snapshot = new RunSnapshot { RunId = 3, Key = key };
        const string byNames = "mutation { stopRun(input: {entityName: \"e\", projectName: \"p\", runName: \"r\"}) { success } }";
        const string byId = "mutation StopRun($id: String!) { stopRun(input: {id: $id}) { success } }";

        var first = await host.DataAsync(byNames);
        var second = await host.DataAsync(byId, JsonSerializer.Serialize(new { id = GraphIds.Run(key) }));
        var missing = await host.DataAsync("mutation { stopRun(input: {entityName: \"e\", projectName: \"p\", runName: \"zz\"}) { success } }");

        Assert.True(first.GetProperty("stopRun").GetProperty("success").GetBoolean());
        Assert.True(second.GetProperty("stopRun").GetProperty("success").GetBoolean());
        Assert.Equal(2, host.Grains.Run(key).StopRequests);
        Assert.False(missing.GetProperty("stopRun").GetProperty("success").GetBoolean());
    }
}
