using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Api;

/// <summary>The SQL console answers reads and refuses anything that would write, attach or load.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SqlConsoleApiTests(DashboardHostFixture fixture)
{
    private readonly DashboardApi _api = new(fixture.Host);

    [Fact]
    public async Task A_select_answers_columns_rows_and_a_footer()
    {
        var (status, lines, body) = await _api.SqlAsync(
            "SELECT r.name, r.state, r.history_line_count FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.name = 'vision' ORDER BY r.name");
        Assert.True(status == 200, body);
        Assert.Equal(["name", "state", "history_line_count"], lines[0]["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("""["alpha","finished",3000]""", lines[1].ToJsonString());
        Assert.Equal(3, lines[^1]["rows"]!.GetValue<int>());
        Assert.False(lines[^1]["truncated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("INSERT INTO projects (entity, name, created_at) VALUES ('x', 'y', 0)")]
    [InlineData("UPDATE runs SET state = 'finished'")]
    [InlineData("DELETE FROM history")]
    [InlineData("DROP TABLE runs")]
    [InlineData("CREATE TABLE evil (x)")]
    [InlineData("ATTACH DATABASE '{data}/evil.db' AS evil")]
    [InlineData("PRAGMA writable_schema = ON")]
    [InlineData("PRAGMA query_only = OFF")]
    [InlineData("SELECT load_extension('/tmp/evil.so')")]
    [InlineData("BEGIN IMMEDIATE")]
    [InlineData("SELECT 1; DROP TABLE runs")]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM runs")]
    public async Task Statements_that_write_attach_or_load_are_refused(string sql)
    {
        var (status, _, body) = await _api.SqlAsync(sql.Replace("{data}", fixture.Host.DataDir, StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
        var (_, check, _) = await _api.SqlAsync("SELECT COUNT(*) FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.name = 'vision'");
        Assert.Equal("[3]", check[1].ToJsonString());
        Assert.False(File.Exists(Path.Combine(fixture.Host.DataDir, "evil.db")));
        var (_, tables, _) = await _api.SqlAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('runs', 'history', 'evil')");
        Assert.Equal("[2]", tables[1].ToJsonString());
    }

    [Fact]
    public async Task Schema_reading_pragmas_work()
    {
        var (status, lines, body) = await _api.SqlAsync("PRAGMA table_info(history)");
        Assert.True(status == 200, body);
        Assert.Contains(lines.Skip(1).SkipLast(1), row => row[1]!.GetValue<string>() == "kind");
    }

    [Fact]
    public async Task Rows_are_capped()
    {
        var (status, lines, body) = await _api.SqlAsync("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20000) SELECT x FROM c");
        Assert.True(status == 200, body);
        Assert.Equal(10_000, lines[^1]["rows"]!.GetValue<int>());
        Assert.True(lines[^1]["truncated"]!.GetValue<bool>());
        Assert.Equal(10_002, lines.Count);
    }

    [Fact]
    public async Task A_runaway_query_is_interrupted()
    {
        var (status, lines, body) = await _api.SqlAsync("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c");
        var error = status == 200 ? lines[^1]["error"]?.GetValue<string>() : JsonNode.Parse(body)!["error"]!.GetValue<string>();
        Assert.Contains("Interrupted", error);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", 400)]
    [InlineData("SELECT 1;\n  SELECT 2;", 400)]
    [InlineData("SELECT 1;", 200)]
    [InlineData("SELECT 1; -- the end", 200)]
    [InlineData("SELECT 1; /* a note */  ", 200)]
    public async Task One_statement_at_a_time(string sql, int expected)
    {
        var (status, lines, body) = await _api.SqlAsync(sql);

        Assert.True(status == expected, body);
        if (expected == 400)
        {
            Assert.Contains("one statement", JsonNode.Parse(body)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("[1]", lines[1].ToJsonString());
        }
    }

    [Fact]
    public async Task Bad_sql_and_empty_bodies_get_400()
    {
        Assert.Equal(400, (await _api.SqlAsync("SELEC nonsense")).Status);
        Assert.Equal(400, (await _api.SendAsync(HttpMethod.Post, "/api/sql", new { sql = "" })).Status);
    }
}
