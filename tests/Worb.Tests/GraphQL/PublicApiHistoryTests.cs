using System.Text.Json;
using Xunit;

namespace Worb.Tests.GraphQL;

/// <summary>run.history(), scan_history(), history keys and run files as wandb.Api() reads them.</summary>
public sealed class PublicApiHistoryTests
{
    private const string RunVariables = """{"entity":"e","project":"p","name":"r"}""";

    [Fact]
    public async Task RunFullHistory_returns_every_line_verbatim_by_step()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (_, lines) = await SeedHistoryAsync(host, 10);

        var data = await host.DataAsync(ClientQueries.RunFullHistory, """{"entity":"e","project":"p","name":"r","samples":500}""");

        Assert.Equal(lines, History(data));
    }

    [Fact]
    public async Task RunFullHistory_sub_samples_evenly_keeping_first_and_last()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (_, lines) = await SeedHistoryAsync(host, 10);

        var data = await host.DataAsync(ClientQueries.RunFullHistory, """{"entity":"e","project":"p","name":"r","samples":4}""");

        Assert.Equal([lines[0], lines[3], lines[6], lines[9]], History(data));
    }

    [Fact]
    public async Task HistoryPage_returns_lines_with_minStep_le_step_lt_maxStep()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (_, lines) = await SeedHistoryAsync(host, 10);

        var data = await host.DataAsync(
            ClientQueries.HistoryPage, """{"entity":"e","project":"p","run":"r","minStep":2,"maxStep":5,"pageSize":1000}""");

        Assert.Equal(lines[2..5], History(data));
    }

    [Fact]
    public async Task RunSampledHistory_projects_rows_holding_all_keys_and_keeps_raw_values()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await SeedHistoryAsync(host, 4);

        var text = await host.ExecuteAsync(
            ClientQueries.RunSampledHistory,
            JsonSerializer.Serialize(new { entity = "e", project = "p", name = "r", specs = new[] { "{\"keys\": [\"_step\", \"loss\"], \"samples\": 500}", "{\"keys\": [\"big\"]}" } }));

        // Steps 0-3; "loss" is missing on step 1; step 2 holds NaN and the run logs an integer beyond 64 bits.
        Assert.Equal(
            """{"data":{"project":{"run":{"sampledHistory":[[{"_step": 0, "loss": 1.5}, {"_step": 2, "loss": NaN}, {"_step": 3, "loss": -Infinity}], [{"big": 18446744073709551617}]]}}}}""",
            text);
    }

    [Fact]
    public async Task SampledHistoryPage_honours_the_step_range_and_samples()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        await SeedHistoryAsync(host, 10);

        var text = await host.ExecuteAsync(
            ClientQueries.SampledHistoryPage,
            JsonSerializer.Serialize(new { entity = "e", project = "p", run = "r", spec = "{\"keys\": [\"_step\"], \"minStep\": 4, \"maxStep\": 9, \"samples\": 3}" }));

        Assert.Equal("""{"data":{"project":{"run":{"sampledHistory":[[{"_step": 4}, {"_step": 6}, {"_step": 8}]]}}}}""", text);
    }

    [Fact]
    public async Task SampledHistory_samples_among_the_steps_of_sparse_keys_and_keeps_raw_text()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var project = await host.Store.AddProjectAsync("e", "p");
        var run = await host.Store.AddRunAsync(project, "r", new TestRun { HistoryLineCount = 30 });
        // "a" on every step, "b" on every third (raw text "s.50"), "c" on every second (raw text "se-3").
        for (var step = 0; step < 30; step++)
        {
            var keys = new List<string> { "a" };
            var members = new List<string> { $"\"a\": {step}" };
            if (step % 3 == 0)
            {
                keys.Add("b");
                members.Add($"\"b\": {step}.50");
            }
            if (step % 2 == 0)
            {
                keys.Add("c");
                members.Add($"\"c\": {step}e-3");
            }
            keys.Add("_step");
            members.Add($"\"_step\": {step}");
            await host.Store.AddHistoryLineAsync(run, step, step, "{" + string.Join(", ", members) + "}");
            await AddHistoryRowsAsync(host, run, step, keys);
        }
        string[] specs =
        [
            "{\"keys\": [\"b\"], \"samples\": 4}", // 10 steps with b: 0, 3, ..., 27
            "{\"keys\": [\"c\", \"b\"], \"samples\": 3}", // both only on 0, 6, 12, 18, 24
            "{\"keys\": [\"_step\", \"b\", \"a\"], \"minStep\": 4, \"maxStep\": 22}", // b on 6, 9, ..., 21
            "{\"keys\": [\"a\", \"nowhere\"]}", // a key never logged: no row
        ];

        var text = await host.ExecuteAsync(
            ClientQueries.RunSampledHistory, JsonSerializer.Serialize(new { entity = "e", project = "p", name = "r", specs }));

        Assert.Equal(
            "{\"data\":{\"project\":{\"run\":{\"sampledHistory\":["
            + "[{\"b\": 0.50}, {\"b\": 9.50}, {\"b\": 18.50}, {\"b\": 27.50}], "
            + "[{\"c\": 0e-3, \"b\": 0.50}, {\"c\": 12e-3, \"b\": 12.50}, {\"c\": 24e-3, \"b\": 24.50}], "
            + "[{\"_step\": 6, \"b\": 6.50, \"a\": 6}, {\"_step\": 9, \"b\": 9.50, \"a\": 9}, {\"_step\": 12, \"b\": 12.50, \"a\": 12}, "
            + "{\"_step\": 15, \"b\": 15.50, \"a\": 15}, {\"_step\": 18, \"b\": 18.50, \"a\": 18}, {\"_step\": 21, \"b\": 21.50, \"a\": 21}], "
            + "[]"
            + "]}}}}",
            text);
    }

    [Fact]
    public async Task RunHistoryKeys_counts_types_from_the_history_table()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (run, _) = await SeedHistoryAsync(host, 0);
        await host.Store.AddHistoryLineAsync(run, 0, 0, "{}");
        await host.Store.AddHistoryLineAsync(run, 1, 7, "{}");
        await host.Store.AddHistoryValueAsync(run, "acc", 0, "number");
        await host.Store.AddHistoryValueAsync(run, "acc", 7, "nan");
        await host.Store.AddHistoryValueAsync(run, "hist", 7, "histogram");
        await host.Store.AddHistoryValueAsync(run, "flag", 0, "bool");
        await host.Store.AddHistoryValueAsync(run, "flag", 7, "string");

        var text = await host.ExecuteAsync(ClientQueries.RunHistoryKeys, RunVariables);

        Assert.Equal(
            """{"data":{"project":{"run":{"historyKeys":{"keys": {"acc": {"typeCounts": [{"type": "number", "count": 2}]}, "hist": {"typeCounts": [{"type": "histogram", "count": 1}]}, "flag": {"typeCounts": [{"type": "boolean", "count": 1}, {"type": "string", "count": 1}]}}, "lastStep": 7}}}}}""",
            text);
    }

    [Fact]
    public async Task RunHistoryKeys_falls_back_to_the_lines_and_says_lastStep_minus_one_when_empty()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (run, _) = await SeedHistoryAsync(host, 0);

        var empty = await host.DataAsync(ClientQueries.RunHistoryKeys, RunVariables);
        await host.Store.AddHistoryLineAsync(run, 0, 3, "{\"img\": {\"_type\": \"image-file\", \"path\": \"a.png\"}, \"m\": {\"a\": 1}, \"x\": NaN, \"_step\": 3}");
        var fromLines = await host.DataAsync(ClientQueries.RunHistoryKeys, RunVariables);

        Assert.Equal(-1, empty.GetProperty("project").GetProperty("run").GetProperty("historyKeys").GetProperty("lastStep").GetInt64());
        var keys = fromLines.GetProperty("project").GetProperty("run").GetProperty("historyKeys");
        Assert.Equal(3, keys.GetProperty("lastStep").GetInt64());
        string TypeOf(string key) => keys.GetProperty("keys").GetProperty(key).GetProperty("typeCounts")[0].GetProperty("type").GetString()!;
        Assert.Equal("image-file", TypeOf("img"));
        Assert.Equal("map", TypeOf("m"));
        Assert.Equal("number", TypeOf("x"));
        Assert.Equal("number", TypeOf("_step"));
    }

    [Fact]
    public async Task RunFiles_lists_files_with_metadata_and_pages()
    {
        await using var host = await GraphQLTestHost.StartAsync();
        var (run, _) = await SeedHistoryAsync(host, 0);
        await host.Store.AddFileAsync(run, "wandb-summary.json", 120, "Co3XoFSiSuShRQIwJGRgLA==", TestStore.T0 + 80);
        await host.Store.AddFileAsync(run, "config.yaml", 601, "15d73SNcLvQJzBhfTIKqBQ==", TestStore.T0 + 80);
        await host.Store.AddFileAsync(run, "media/images/img.png", 268, "FGPFHuJrvSEvoHcsM7jRsg==", TestStore.T0 + 42);

        var first = await host.DataAsync(
            ClientQueries.RunFiles, """{"project":"p","entity":"e","name":"r","fileNames":[],"upload":false,"fileLimit":2,"fileCursor":null}""");

        var runNode = first.GetProperty("project").GetProperty("run");
        Assert.Equal(3, runNode.GetProperty("fileCount").GetInt32());
        var files = runNode.GetProperty("files");
        var nodes = files.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(["config.yaml", "media/images/img.png"], nodes.Select(n => n.GetProperty("name").GetString()));
        var png = nodes[1];
        Assert.Equal("http://worb.test/files/e/p/r/media/images/img.png", png.GetProperty("url").GetString());
        Assert.Equal("http://worb.test/files/e/p/r/media/images/img.png", png.GetProperty("directUrl").GetString());
        Assert.Equal(268, png.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("image/png", png.GetProperty("mimetype").GetString());
        Assert.Equal("2026-11-29T12:41:54", png.GetProperty("updatedAt").GetString());
        Assert.Equal("FGPFHuJrvSEvoHcsM7jRsg==", png.GetProperty("md5").GetString());
        Assert.True(files.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var second = await host.DataAsync(
            ClientQueries.RunFiles,
            JsonSerializer.Serialize(new { project = "p", entity = "e", name = "r", fileNames = Array.Empty<string>(), upload = false, fileLimit = 2, fileCursor = files.GetProperty("pageInfo").GetProperty("endCursor").GetString() }));
        var rest = second.GetProperty("project").GetProperty("run").GetProperty("files");
        var summary = Assert.Single(rest.GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal("wandb-summary.json", summary.GetProperty("name").GetString());
        Assert.Equal("application/json", summary.GetProperty("mimetype").GetString());
        Assert.False(rest.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        var byName = await host.DataAsync(
            ClientQueries.RunFiles, """{"project":"p","entity":"e","name":"r","fileNames":["config.yaml"],"upload":true}""");
        var only = Assert.Single(byName.GetProperty("project").GetProperty("run").GetProperty("files").GetProperty("edges").EnumerateArray());
        Assert.Equal($"http://worb.test/upload/{run}/config.yaml", only.GetProperty("node").GetProperty("url").GetString());
    }

    /// <summary>
    /// Run e/p/r with <paramref name="count"/> history lines (steps 0..count-1), each with its <c>history</c> rows as the
    /// store writes them (one per key); returns its id and the lines.
    /// </summary>
    private static async Task<(long RunId, string[] Lines)> SeedHistoryAsync(GraphQLTestHost host, int count)
    {
        var project = await host.Store.AddProjectAsync("e", "p");
        var run = await host.Store.AddRunAsync(project, "r", new TestRun { HistoryLineCount = count });
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            (lines[i], var keys) = i switch
            {
                0 => ("{\"loss\": 1.5, \"big\": 18446744073709551617, \"_step\": 0}", new[] { "loss", "big", "_step" }),
                1 => ("{\"acc\": 0.5, \"_step\": 1}", ["acc", "_step"]),
                2 => ("{\"loss\": NaN, \"s\": \"na\\u00efve\", \"_step\": 2}", ["loss", "s", "_step"]),
                3 => ("{\"loss\": -Infinity, \"_step\": 3}", ["loss", "_step"]),
                _ => ($"{{\"loss\": {i}, \"_step\": {i}}}", ["loss", "_step"]),
            };
            await host.Store.AddHistoryLineAsync(run, i, i, lines[i]);
            await AddHistoryRowsAsync(host, run, i, keys);
        }
        return (run, lines);
    }

    private static async Task AddHistoryRowsAsync(GraphQLTestHost host, long run, long step, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await host.Store.AddHistoryValueAsync(run, key, step, "number");
        }
    }

    private static List<string> History(JsonElement data) =>
        data.GetProperty("project").GetProperty("run").GetProperty("history").EnumerateArray().Select(l => l.GetString()!).ToList();
}
