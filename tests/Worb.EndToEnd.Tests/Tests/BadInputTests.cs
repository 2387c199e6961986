using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>A host with a 1 MiB body cap, for the bad-input tests.</summary>
public sealed class SmallBodyCapHostFixture : WorbHostFixture
{
    public const int MaxBodyBytes = 1024 * 1024;

    protected override IReadOnlyList<string> ExtraArguments => ["--max-body-bytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>
/// Bad file_stream input over HTTP gets a 4xx with a message, nothing of it is stored, and the server keeps serving
/// the data it accepted before.
/// </summary>
public sealed class BadInputTests(SmallBodyCapHostFixture fixture) : IClassFixture<SmallBodyCapHostFixture>
{
    [Fact]
    public async Task Bad_bodies_are_refused_and_accepted_data_stays_intact()
    {
        var session = new ClientSession(fixture.Host, "bad-input", ClientSession.NewRunId());
        await session.CreateRunAsync();
        var accepted = Enumerable.Range(0, 3).Select(i => ClientSession.HistoryLine(i, i + 0.5)).ToList();
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, accepted);

        await AssertRefusedAsync(session, "{\"files\": {\"wandb-history.jsonl\": {\"offset\": 3, \"content\": [\"{}\"", 400, "truncated JSON");
        await AssertRefusedAsync(session, "not json at all", 400, "not JSON");
        await AssertRefusedAsync(session, "[1, 2, 3]", 400, "a JSON array instead of an object");
        await AssertRefusedAsync(session, Chunk("\"3\"", "[\"{\\\"x\\\": 1, \\\"_step\\\": 3}\"]"), 400, "offset as a string");
        await AssertRefusedAsync(session, Chunk("3", "\"{\\\"x\\\": 1, \\\"_step\\\": 3}\""), 400, "content not a list");
        await AssertRefusedAsync(session, Chunk("3", "[1, 2]"), 400, "content items not strings");
        await AssertRefusedAsync(session, Chunk("-1", "[\"{\\\"x\\\": 1, \\\"_step\\\": 3}\"]"), 400, "negative offset");

        var unknownRun = await session.PostRawAsync(Encoding.UTF8.GetBytes(Chunk("0", "[\"{\\\"_step\\\": 0}\"]")), runName: "no-such-run-" + ClientSession.NewRunId());
        Assert.True(unknownRun.Status == 404, $"unknown run: HTTP {unknownRun.Status} {unknownRun.Body}");

        // A body over --max-body-bytes: 413, whatever it contains.
        var big = new string('x', SmallBodyCapHostFixture.MaxBodyBytes + 256 * 1024);
        var tooLarge = await session.PostRawAsync(Encoding.UTF8.GetBytes(Chunk("3", $"[\"{big}\"]")));
        Assert.True(tooLarge.Status == 413, $"oversized body: HTTP {tooLarge.Status} {Shorten(tooLarge.Body)}");

        // Still serving, and only the accepted lines are stored.
        var api = new PublicApi(fixture.Host);
        RunExpectations.AssertLines(accepted, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after bad input");
        var next = ClientSession.HistoryLine(3, 3.5);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 3, [next]);
        RunExpectations.AssertLines([.. accepted, next], await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after a good chunk");
        using var root = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url("/"));
        Assert.Equal(200, (int)root.StatusCode);
    }

    [Fact]
    public async Task Malformed_graphql_gets_an_error_not_a_crash()
    {
        var graphQl = new GraphQlClient(fixture.Host);
        var (status, answer, text) = await graphQl.SendRawAsync("query Broken { viewer { ", new JsonObject());
        Assert.True(status is 200 or 400, $"HTTP {status}: {text}");
        Assert.True(answer?["errors"] is JsonArray { Count: > 0 }, $"expected GraphQL errors, got {text}");

        var viewer = await graphQl.QueryAsync("query Viewer {\n  viewer {\n    id\n    entity\n  }\n}\n");
        Assert.Equal("worb", RunExpectations.Text(viewer["viewer"]?["entity"]));
    }

    private static string Chunk(string offset, string content) =>
        $"{{\"files\": {{\"{RecordingExpectations.HistoryFile}\": {{\"offset\": {offset}, \"content\": {content}}}}}, \"dropped\": 0}}";

    private static async Task AssertRefusedAsync(ClientSession session, string body, int expectedStatus, string what)
    {
        var (status, text) = await session.PostRawAsync(Encoding.UTF8.GetBytes(body));
        Assert.True(status == expectedStatus, $"{what}: HTTP {status}, expected {expectedStatus}: {Shorten(text)}");
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what}: the {status} answer has no message");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
