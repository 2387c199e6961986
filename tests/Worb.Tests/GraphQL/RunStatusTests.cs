using System.Text.Json;
using Worb.Api.GraphQL;
using Worb.Grains.Interfaces;
using Xunit;

namespace Worb.Tests.GraphQL;

/// <summary>RunResumeStatus and RunStoppedStatus: the run-level reads the SDK makes while a run lives.</summary>
public sealed class RunStatusTests
{
    private const string WrappedConfig =
        "{\"phase\": {\"desc\": null, \"value\": 0}, \"_wandb\": {\"desc\": null, \"value\": {\"python_version\": \"3.11.2\", \"t\": {\"1\": [55], \"3\": [2, 14]}}}}";

    [Theory]
    [InlineData(ClientQueries.RunResumeStatus)]
    [InlineData(ClientQueries.CoreRunResumeStatus)]
    [InlineData(ClientQueries.CoreRunResumeStatusV019)]
    public async Task RunResumeStatus_for_an_existing_run_fills_every_field_with_its_exact_type(string query)
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync(GraphQLTestHost.Entity, "p");
        var run = await host.Store.AddRunAsync(project, "resume01", new TestRun
        {
            Config = WrappedConfig,
            Summary = "{\"loss\": 0.2, \"_step\": 4, \"_wandb\": {\"runtime\": 0}}",
            Notes = "first attempt",
            Tags = "[\"baseline\"]",
            HistoryLineCount = 12,
            EventsLineCount = 1,
            LogLineCount = 3,
        });
        for (var i = 0; i < 12; i++)
        {
            await host.Store.AddHistoryLineAsync(run, i, i, $"{{\"loss\": {i}, \"_step\": {i}}}");
        }
        await host.Store.AddEventsLineAsync(run, 0, "{\"system.cpu\": 0.0, \"_runtime\": 0.46}");

        var data = await host.DataAsync(query, """{"entity":null,"project":"p","name":"resume01"}""");

        var model = data.GetProperty("model");
        Assert.Equal("p", model.GetProperty("name").GetString());
        Assert.Equal(GraphQLTestHost.Entity, model.GetProperty("entity").GetProperty("name").GetString());
        var bucket = model.GetProperty("bucket");
        Assert.Equal(GraphIds.Run(new RunKey(GraphQLTestHost.Entity, "p", "resume01")), bucket.GetProperty("id").GetString());
        Assert.Equal("resume01", bucket.GetProperty("name").GetString());
        Assert.Equal("resume01", bucket.GetProperty("displayName").GetString());
        Assert.Equal("{\"loss\": 0.2, \"_step\": 4, \"_wandb\": {\"runtime\": 0}}", bucket.GetProperty("summaryMetrics").GetString());
        Assert.Equal(3, bucket.GetProperty("logLineCount").GetInt32());
        Assert.Equal(12, bucket.GetProperty("historyLineCount").GetInt32());
        Assert.Equal(1, bucket.GetProperty("eventsLineCount").GetInt32());
        var historyTail = JsonSerializer.Deserialize<List<string>>(bucket.GetProperty("historyTail").GetString()!)!;
        Assert.Equal(10, historyTail.Count);
        Assert.Equal("{\"loss\": 2, \"_step\": 2}", historyTail[0]);
        Assert.Equal("{\"loss\": 11, \"_step\": 11}", historyTail[^1]);
        var eventsTail = JsonSerializer.Deserialize<List<string>>(bucket.GetProperty("eventsTail").GetString()!)!;
        Assert.Equal(["{\"system.cpu\": 0.0, \"_runtime\": 0.46}"], eventsTail);
        Assert.Equal(WrappedConfig, bucket.GetProperty("config").GetString());
        Assert.Equal(["baseline"], bucket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("{\"t\": {\"1\": [55], \"3\": [2, 14]}}", bucket.GetProperty("wandbConfig").GetString());
        if (bucket.TryGetProperty("notes", out var notes))
        {
            Assert.Equal("first attempt", notes.GetString());
        }
        Assert.True(host.Grains.Run(new RunKey(GraphQLTestHost.Entity, "p", "resume01")).EnsureStoredCalls > 0);
    }

    [Fact]
    public async Task RunResumeStatus_reads_wandbConfig_from_a_core_style_config_without_desc()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync("alice", "demo");
        await host.Store.AddRunAsync(project, "r1x2c3v4", new TestRun
        {
            Config = "{\"_wandb\":{\"value\":{\"cli_version\":\"0.28.2\",\"m\":[],\"t\":{\"1\":[1,41,55]}}},\"lr\":{\"value\":0.001}}",
        });

        var data = await host.DataAsync(ClientQueries.CoreRunResumeStatus, """{"project":"demo","entity":"alice","name":"r1x2c3v4"}""");

        var bucket = data.GetProperty("model").GetProperty("bucket");
        Assert.Equal("{\"t\": {\"1\":[1,41,55]}}", bucket.GetProperty("wandbConfig").GetString());
        Assert.Equal("[]", bucket.GetProperty("historyTail").GetString());
        Assert.Equal("[]", bucket.GetProperty("eventsTail").GetString());
        Assert.Equal(0, bucket.GetProperty("historyLineCount").GetInt32());
    }

    [Fact]
    public async Task RunResumeStatus_for_a_missing_run_answers_a_null_bucket()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await host.Store.AddProjectAsync("alice", "demo");

        var text = await host.ExecuteAsync(ClientQueries.CoreRunResumeStatus, """{"project":"demo","entity":"alice","name":"nope"}""");
        var noProject = await host.ExecuteAsync(ClientQueries.RunResumeStatus, """{"project":"other","entity":null,"name":"nope"}""");

        var model = JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("model");
        Assert.Equal("demo", model.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("bucket").ValueKind);
        Assert.Equal("""{"data":{"model":null}}""", noProject);
        Assert.False(host.Grains.WasAsked(new RunKey("alice", "demo", "nope")));
    }

    [Theory]
    [InlineData(ClientQueries.RunStoppedStatus)]
    [InlineData(ClientQueries.CoreRunStoppedStatus)]
    public async Task RunStoppedStatus_reports_the_stopped_column(string query)
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync("alice", "demo");
        var run = await host.Store.AddRunAsync(project, "r1", new TestRun { State = "running" });
        const string variables = """{"projectName":"demo","entityName":"alice","runId":"r1"}""";

        var before = await host.ExecuteAsync(query, variables);
        await host.Store.SetStoppedAsync(run);
        var after = await host.ExecuteAsync(query, variables);
        var missing = await host.ExecuteAsync(query, """{"projectName":"demo","entityName":"alice","runId":"r2"}""");

        Assert.Equal("""{"data":{"project":{"run":{"stopped":false}}}}""", before);
        Assert.Equal("""{"data":{"project":{"run":{"stopped":true}}}}""", after);
        Assert.Equal("""{"data":{"project":{"run":null}}}""", missing);
    }

    [Fact]
    public async Task RunUploadUrls_answers_upload_urls_for_requested_files_even_before_they_exist()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync("alice", "demo");
        var run = await host.Store.AddRunAsync(project, "r1");
        await host.Store.AddFileAsync(run, "config.yaml", 10, "md5==", TestStore.T0 + 5);

        var data = await host.DataAsync(
            ClientQueries.RunUploadUrls,
            """{"name":"demo","files":["config.yaml","new.txt"],"entity":"alice","run":"r1","description":null}""");

        var files = data.GetProperty("model").GetProperty("bucket").GetProperty("files");
        Assert.Equal(0, files.GetProperty("uploadHeaders").GetArrayLength());
        var nodes = files.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(["config.yaml", "new.txt"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal($"http://worb.test/upload/{run}/config.yaml", nodes[0].GetProperty("url").GetString());
        Assert.Equal($"http://worb.test/upload/{run}/new.txt", nodes[1].GetProperty("url").GetString());
        Assert.Equal("2026-11-29T12:41:17", nodes[0].GetProperty("updatedAt").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[1].GetProperty("updatedAt").ValueKind);
    }
}
