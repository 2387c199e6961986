using System.Text.Json;
using Xunit;

namespace Worb.Tests.GraphQL;

/// <summary>wandb.Api(): Projects, Runs (filters, order, pagination) and Run.</summary>
public sealed class PublicApiRunsTests
{
    [Fact]
    public async Task Projects_pages_through_the_entity_projects()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await host.Store.AddProjectAsync("e", "beta");
        await host.Store.AddProjectAsync("e", "alpha", TestStore.T0 + 1);
        await host.Store.AddProjectAsync("other", "gamma");

        var first = await host.DataAsync(ClientQueries.Projects, """{"entity":"e","perPage":1,"cursor":null}""");
        var page = first.GetProperty("models");
        var node = Assert.Single(page.GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal("alpha", node.GetProperty("name").GetString());
        Assert.Equal("e", node.GetProperty("entityName").GetString());
        Assert.Equal("2026-11-29T12:41:13", node.GetProperty("createdAt").GetString());
        Assert.False(node.GetProperty("isBenchmark").GetBoolean());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var cursor = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var second = await host.DataAsync(ClientQueries.Projects, JsonSerializer.Serialize(new { entity = "e", perPage = 200, cursor }));
        var rest = second.GetProperty("models");
        Assert.Equal(["beta"], rest.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()));
        Assert.False(rest.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "+created_at", new[] { "r1", "r2", "r3", "r4" })]
    [InlineData("{}", "-created_at", new[] { "r4", "r3", "r2", "r1" })]
    [InlineData(null, null, new[] { "r4", "r3", "r2", "r1" })]
    [InlineData("{\"state\": \"finished\"}", "+created_at", new[] { "r1", "r3" })]
    [InlineData("{\"state\": \"crashed\"}", "+created_at", new[] { "r4" })]
    [InlineData("{\"state\": {\"$in\": [\"running\", \"failed\"]}}", "+created_at", new[] { "r2" })]
    [InlineData("{\"config.lr\": {\"$gt\": 0.05}}", "+created_at", new[] { "r1", "r4" })]
    [InlineData("{\"config.lr.value\": 0.01}", "+created_at", new[] { "r2", "r3" })]
    [InlineData("{\"config.optimizer\": \"sgd\"}", "+created_at", new[] { "r4" })]
    [InlineData("{\"tags\": \"best\"}", "+created_at", new[] { "r1", "r3" })]
    [InlineData("{\"tags\": {\"$in\": [\"x\", \"baseline\"]}}", "+created_at", new[] { "r2" })]
    [InlineData("{\"tags\": {\"$nin\": [\"best\"]}}", "+created_at", new[] { "r2", "r4" })]
    [InlineData("{\"summary_metrics.loss\": {\"$lt\": 0.5}}", "+created_at", new[] { "r1", "r3" })]
    [InlineData("{\"summary_metrics.loss\": {\"$exists\": false}}", "+created_at", new[] { "r4" })]
    [InlineData("{\"display_name\": {\"$regex\": \"^alpha\"}}", "+created_at", new[] { "r1", "r2" })]
    [InlineData("{\"$or\": [{\"group\": \"g1\"}, {\"jobType\": \"eval\"}]}", "+created_at", new[] { "r1", "r3", "r4" })]
    [InlineData("{\"$and\": [{\"group\": \"g1\"}, {\"config.lr\": {\"$ne\": 0.1}}]}", "+created_at", new[] { "r3" })]
    [InlineData("{\"$not\": {\"state\": \"finished\"}}", "+created_at", new[] { "r2", "r4" })]
    [InlineData("{\"summary_metrics.loss\": {\"$not\": {\"$gte\": 0.2}}}", "+created_at", new[] { "r1", "r4" })]
    [InlineData("{}", "+summary_metrics.loss", new[] { "r1", "r3", "r2", "r4" })]
    [InlineData("{}", "-summary_metrics.loss", new[] { "r2", "r3", "r1", "r4" })]
    [InlineData("{}", "+config.lr", new[] { "r2", "r3", "r1", "r4" })]
    [InlineData("{}", "-display_name", new[] { "r4", "r3", "r2", "r1" })]
    public async Task Runs_filters_and_orders_like_the_public_api_expects(string? filters, string? order, string[] expected)
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await SeedRunsAsync(host);

        var data = await host.DataAsync(
            ClientQueries.Runs, JsonSerializer.Serialize(new { project = "p", entity = "e", order, filters, perPage = 50, cursor = (string?)null }));

        var project = data.GetProperty("project");
        var names = project.GetProperty("runs").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node").GetProperty("name").GetString()).ToArray();
        Assert.Equal(expected, names);
        Assert.Equal(expected.Length, project.GetProperty("runCount").GetInt32());
        Assert.False(project.GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public async Task Runs_paginates_with_opaque_cursors()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await SeedRunsAsync(host);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;

        do
        {
            var data = await host.DataAsync(
                ClientQueries.Runs,
                JsonSerializer.Serialize(new { project = "p", entity = "e", order = "+created_at", filters = "{}", perPage = 3, cursor }));
            var runs = data.GetProperty("project").GetProperty("runs");
            seen.AddRange(runs.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()!));
            var pageInfo = runs.GetProperty("pageInfo");
            cursor = pageInfo.GetProperty("hasNextPage").GetBoolean() ? pageInfo.GetProperty("endCursor").GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["r1", "r2", "r3", "r4"], seen);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task Run_answers_the_run_fragment_with_json_strings_and_history_keys()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync("e", "p");
        var run = await host.Store.AddRunAsync(project, "bpz64o4w", new TestRun
        {
            DisplayName = "realistic-run",
            Tags = "[\"capture\", \"full\"]",
            Group = "g1",
            JobType = "train",
            Notes = "capture session",
            Config = "{\"lr\": {\"desc\": null, \"value\": 0.1}}",
            Summary = "{\"loss\": NaN, \"_step\": 1}",
            SystemMetrics = "{\"system.cpu\": 0.93, \"_wandb\": true}", // the store keeps the last events line here
            HistoryLineCount = 2,
            HeartbeatAt = TestStore.T0 + 70,
        });
        await host.Store.AddHistoryLineAsync(run, 0, 0, "{\"loss\": 1.0, \"_step\": 0}");
        await host.Store.AddHistoryLineAsync(run, 1, 1, "{\"loss\": NaN, \"_step\": 1}");
        await host.Store.AddHistoryValueAsync(run, "loss", 0, "number");
        await host.Store.AddHistoryValueAsync(run, "loss", 1, "nan");
        await host.Store.AddHistoryValueAsync(run, "_step", 0, "number");
        await host.Store.AddHistoryValueAsync(run, "_step", 1, "number");
        await host.Store.AddEventsLineAsync(run, 0, "{\"system.cpu\": 1.5}");
        await host.Store.AddEventsLineAsync(run, 1, "{\"system.cpu\": 0.93, \"_wandb\": true}");

        var data = await host.DataAsync(ClientQueries.Run, """{"entity":"e","project":"p","name":"bpz64o4w"}""");

        var node = data.GetProperty("project").GetProperty("run");
        Assert.Equal("realistic-run", node.GetProperty("displayName").GetString());
        Assert.Equal(["capture", "full"], node.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("finished", node.GetProperty("state").GetString());
        Assert.Equal("g1", node.GetProperty("group").GetString());
        Assert.Equal("train", node.GetProperty("jobType").GetString());
        Assert.Equal("capture session", node.GetProperty("notes").GetString());
        Assert.Equal("2026-11-29T12:41:12", node.GetProperty("createdAt").GetString());
        Assert.Equal("2026-11-29T12:42:22", node.GetProperty("heartbeatAt").GetString());
        Assert.Equal("{\"lr\": {\"desc\": null, \"value\": 0.1}}", node.GetProperty("config").GetString());
        Assert.Equal("{\"loss\": NaN, \"_step\": 1}", node.GetProperty("summaryMetrics").GetString());
        Assert.Equal("{\"system.cpu\": 0.93, \"_wandb\": true}", node.GetProperty("systemMetrics").GetString());
        Assert.Equal(2, node.GetProperty("historyLineCount").GetInt32());
        Assert.Equal(GraphQLTestHost.Entity, node.GetProperty("user").GetProperty("username").GetString());
        var keys = node.GetProperty("historyKeys");
        Assert.Equal(1, keys.GetProperty("lastStep").GetInt64());
        var loss = Assert.Single(keys.GetProperty("keys").GetProperty("loss").GetProperty("typeCounts").EnumerateArray());
        Assert.Equal("number", loss.GetProperty("type").GetString());
        Assert.Equal(2, loss.GetProperty("count").GetInt32());
    }

    private static async Task SeedRunsAsync(GraphQLTestHost host)
    {
        var project = await host.Store.AddProjectAsync("e", "p");
        await host.Store.AddRunAsync(project, "r1", new TestRun
        {
            DisplayName = "alpha-1",
            State = "finished",
            Group = "g1",
            Tags = "[\"best\"]",
            CreatedAt = TestStore.T0,
            Config = "{\"lr\": {\"desc\": null, \"value\": 0.1}}",
            Summary = "{\"loss\": 0.1}",
        });
        await host.Store.AddRunAsync(project, "r2", new TestRun
        {
            DisplayName = "alpha-2",
            State = "running",
            Tags = "[\"baseline\"]",
            CreatedAt = TestStore.T0 + 10,
            HeartbeatAt = GraphQLTestHost.Now.ToUnixTimeSeconds() - 5,
            Config = "{\"lr\": {\"desc\": null, \"value\": 0.01}}",
            Summary = "{\"loss\": 0.9}",
        });
        await host.Store.AddRunAsync(project, "r3", new TestRun
        {
            DisplayName = "beta",
            State = "finished",
            Group = "g1",
            Tags = "[\"best\", \"x2\"]",
            CreatedAt = TestStore.T0 + 20,
            Config = "{\"lr\": {\"value\": 0.01}}",
            Summary = "{\"loss\": 0.2, \"nan\": NaN}",
        });
        // An npm run: plain config; still "running" but silent for longer than the heartbeat timeout.
        await host.Store.AddRunAsync(project, "r4", new TestRun
        {
            DisplayName = "gamma",
            State = "running",
            JobType = "eval",
            CreatedAt = TestStore.T0 + 30,
            HeartbeatAt = GraphQLTestHost.Now.ToUnixTimeSeconds() - 301,
            Config = "{\"lr\": 0.5, \"optimizer\": \"sgd\"}",
            Summary = "{}",
        });
    }
}
