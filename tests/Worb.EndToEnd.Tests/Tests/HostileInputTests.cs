using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;
using Worb.Tests.Fuzz;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// Hostile input over HTTP against a host with the default 64 MiB body cap: generated bad file_stream bodies, bad
/// GraphQL requests, escaping file names and a 300 MiB body. Every answer is 200 or a 4xx with a message, never a
/// 5xx or a hang, and the server keeps its accepted data and keeps serving.
/// </summary>
public sealed class HostileInputTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    private const long DefaultMaxBodyBytes = 64L * 1024 * 1024;

    private WorbHostProcess Host => fixture.Host;

    [Fact]
    public async Task Generated_bad_file_stream_bodies_get_4xx_with_a_message_and_never_5xx()
    {
        var session = await NewRunAsync();
        var accepted = new List<string> { ClientSession.HistoryLine(0, 0.25) };
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, accepted);

        var bodies = MalformedBodies.Any().Sample(30, 300).Concat(
        [
            [],
            [0xC3, 0x28, 0xFF, 0xFE],
            Encoding.UTF8.GetBytes(new string('[', 100_000)),
            Encoding.UTF8.GetBytes("{\"files\": " + new string('{', 5000)),
        ]);
        foreach (var body in bodies)
        {
            var (status, text) = await session.PostRawAsync(body);
            var shown = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));
            Assert.True(status is 200 or (>= 400 and < 500), $"HTTP {status} for {shown}: {text}");
            if (status != 200)
            {
                Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(text)?["error"]?.GetValue<string>()), $"HTTP {status} without a message for {shown}");
            }
        }
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task One_huge_line_and_extreme_offsets_are_answered_without_a_5xx()
    {
        var session = await NewRunAsync();
        var huge = "{\"blob\": \"" + new string('x', 20 * 1024 * 1024) + "\", \"_step\": 0}";
        var (status, text) = await session.PostRawAsync(Encoding.UTF8.GetBytes(
            new JsonObject { ["files"] = new JsonObject { [RecordingExpectations.HistoryFile] = new JsonObject { ["offset"] = 0, ["content"] = new JsonArray(huge) } } }.ToJsonString()));
        Assert.True(status is 200 or 400 or 413, $"a 20 MiB line: HTTP {status} {text[..Math.Min(200, text.Length)]}");

        foreach (var offset in new[] { "-1", "-9223372036854775808", "9223372036854775807", "1e300", "NaN", "Infinity" })
        {
            var body = $"{{\"files\": {{\"{RecordingExpectations.HistoryFile}\": {{\"offset\": {offset}, \"content\": [\"{{\\\"_step\\\": 1}}\"]}}}}}}";
            var answer = await session.PostRawAsync(Encoding.UTF8.GetBytes(body));
            Assert.True(answer.Status is 200 or 400, $"offset {offset}: HTTP {answer.Status} {answer.Body}");
        }
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_300_MiB_body_gets_413_without_being_read_whole_and_the_server_stays_healthy()
    {
        var session = await NewRunAsync();
        const long total = 300L * 1024 * 1024;

        var (chunkedStatus, chunkedSent) = await SendStreamingAsync(session, total, chunked: true);
        Assert.Equal(413, chunkedStatus);
        Assert.True(chunkedSent < total, $"the server read all {chunkedSent} bytes before answering");

        var (declaredStatus, declaredSent) = await SendStreamingAsync(session, total, chunked: false);
        Assert.Equal(413, declaredStatus);
        Assert.True(declaredSent < DefaultMaxBodyBytes, $"a declared 300 MiB body was read ({declaredSent} bytes) before the 413");

        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Bad_and_oversized_graphql_requests_get_4xx_or_graphql_errors_never_5xx()
    {
        var requests = new List<byte[]>
        {
            Array.Empty<byte>(),
            Encoding.UTF8.GetBytes("not json"),
            new byte[] { 0x7B, 0x22, 0x71, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D },
            Encoding.UTF8.GetBytes("{\"query\": 5}"),
            Encoding.UTF8.GetBytes("{\"query\": \"{ viewer { id } }\", \"variables\": [1]}"),
            Encoding.UTF8.GetBytes("{\"query\": \"{ viewer { id } }\", \"operationName\": 7}"),
            Encoding.UTF8.GetBytes(new string('[', 100_000)),
            Encoding.UTF8.GetBytes(new JsonObject { ["query"] = "query Q " + new string('{', 20_000) + " viewer " + new string('}', 20_000) }.ToJsonString()),
            Encoding.UTF8.GetBytes(new JsonObject { ["query"] = "query Q { " + string.Concat(Enumerable.Repeat("viewer { id } ", 20_000)) + "}" }.ToJsonString()),
            Encoding.UTF8.GetBytes(new JsonObject { ["query"] = "query Q { " + string.Concat(Enumerable.Repeat("v: viewer { id } ", 3_000)) + "}" }.ToJsonString()),
            Encoding.UTF8.GetBytes(new JsonObject { ["query"] = "query Q($x: Float) { viewer { id } }", ["variables"] = new JsonObject { ["x"] = "NaN" } }.ToJsonString()),
            Encoding.UTF8.GetBytes("{\"query\": \"query Q { project(name: NaN) { id } }\"}"),
        };
        foreach (var body in requests)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Host.Url("/graphql")) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = TestCredentials.BasicAuthorization;
            using var response = await Host.HttpClient.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var shown = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 120)));
            Assert.True(status is 200 or (>= 400 and < 500), $"HTTP {status} for {shown}: {text[..Math.Min(300, text.Length)]}");
            var answer = JsonNode.Parse(text);
            var answered = answer?["errors"] is JsonArray { Count: > 0 } || (status == 200 && answer?["data"] is JsonObject);
            Assert.True(answered, $"neither GraphQL errors nor data for {shown}: {text[..Math.Min(300, text.Length)]}");
        }
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Escaping_file_names_get_no_upload_url_and_escaping_downloads_find_nothing()
    {
        var session = await NewRunAsync();
        var data = await new GraphQlClient(Host).QueryAsync(WandbQueries.CreateRunFiles, new JsonObject
        {
            ["entity"] = session.Entity,
            ["project"] = session.Project,
            ["run"] = session.RunName,
            ["files"] = new JsonArray("../../secret.key", "/etc/passwd", "a\0b", new string('n', 5000), "fine.txt"),
        });
        var files = data["createRunFiles"]?["files"] as JsonArray ?? throw new InvalidOperationException("no files");
        Assert.Equal(5, files.Count);
        Assert.All(files.Take(4), f => Assert.Null(f?["uploadUrl"]));
        Assert.NotNull(files[4]?["uploadUrl"]);

        foreach (var path in new[] { "..%2F..%2Fsecret.key", "%2Fetc%2Fpasswd", "a%00b", "../../../secret.key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Host.Url($"/files/{session.Entity}/{session.Project}/{session.RunName}/{path}"));
            request.Headers.Authorization = TestCredentials.BasicAuthorization;
            using var response = await Host.HttpClient.SendAsync(request);
            Assert.True((int)response.StatusCode is 400 or 404, $"GET {path}: HTTP {(int)response.StatusCode}");
        }

        using var forged = new HttpRequestMessage(HttpMethod.Put, Host.Url("/upload/not-a-token")) { Content = new ByteArrayContent([1, 2, 3]) };
        using var refused = await Host.HttpClient.SendAsync(forged);
        Assert.Equal(403, (int)refused.StatusCode);
    }

    private async Task<ClientSession> NewRunAsync()
    {
        var session = new ClientSession(Host, "hostile", ClientSession.NewRunId());
        await session.CreateRunAsync();
        return session;
    }

    private async Task AssertHealthyAsync()
    {
        var session = await NewRunAsync();
        var line = ClientSession.HistoryLine(0, 1.5);
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, [line]);
        RunExpectations.AssertLines([line], await new PublicApi(Host).ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after hostile input");
    }

    /// <summary>
    /// Streams a body of <paramref name="total"/> bytes from a generator over a raw socket, stopping as soon as the
    /// server answers (or closes); returns the status and how many body bytes went out.
    /// </summary>
    private async Task<(int Status, long Sent)> SendStreamingAsync(ClientSession session, long total, bool chunked)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host.BaseUrl.Host, Host.BaseUrl.Port, timeout.Token);
        var stream = tcp.GetStream();
        var url = session.FileStreamUrl();
        var head = new StringBuilder()
            .Append("POST ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("Authorization: ").Append(TestCredentials.BasicAuthorization).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {total}\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);

        var answer = new byte[4096];
        var read = stream.ReadAsync(answer, timeout.Token).AsTask();
        var piece = Encoding.ASCII.GetBytes("{\"files\": {\"wandb-history.jsonl\": {\"offset\": 0, \"content\": [\"" + new string('x', 64 * 1024 - 70) + "\", ");
        var chunkHeader = Encoding.ASCII.GetBytes($"{piece.Length:X}\r\n");
        var crlf = "\r\n"u8.ToArray();
        var sent = 0L;
        try
        {
            while (sent < total && !read.IsCompleted)
            {
                if (chunked)
                {
                    await stream.WriteAsync(chunkHeader, timeout.Token);
                }
                await stream.WriteAsync(piece, timeout.Token);
                if (chunked)
                {
                    await stream.WriteAsync(crlf, timeout.Token);
                }
                sent += piece.Length;
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection while we were still sending.
        }
        var length = await read;
        var statusLine = Encoding.ASCII.GetString(answer, 0, length).Split("\r\n")[0];
        var parts = statusLine.Split(' ');
        return (parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : -1, sent);
    }
}
