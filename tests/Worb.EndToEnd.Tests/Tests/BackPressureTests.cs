using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// When the store falls behind by more than <c>--max-wal-lag-bytes</c>, file_stream answers 429 with Retry-After
/// (which the clients retry) instead of logging more; nothing accepted is lost, and once the store catches up the
/// re-sent chunk is accepted. The store is held back by a flush interval of ten minutes: only reads drain it.
/// </summary>
public sealed class BackPressureTests
{
    [Fact]
    public async Task A_store_behind_the_lag_limit_gets_429_with_retry_after_and_loses_nothing()
    {
        await using var host = await WorbHostProcess.StartAsync(
            ["--max-wal-lag-bytes", "1", "--flush-interval-ms", "600000", "--flush-pending-bytes", "1000000000"]);
        var session = new ClientSession(host, "back-pressure", ClientSession.NewRunId());
        await session.CreateRunAsync();
        var first = Enumerable.Range(0, 10).Select(i => ClientSession.HistoryLine(i, i)).ToList();
        var second = Enumerable.Range(10, 10).Select(i => ClientSession.HistoryLine(i, i)).ToList();

        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, first);
        using (var busy = await PostAsync(host, session, 10, second))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
            Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After delay");
            Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(await busy.Content.ReadAsStringAsync())?["error"]?.GetValue<string>()));
        }

        // A read drains the store; then the client's retry goes through.
        var api = new PublicApi(host);
        RunExpectations.AssertLines(first, await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history while busy");
        using (var retried = await PostAsync(host, session, 10, second))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
        RunExpectations.AssertLines([.. first, .. second], await api.ScanHistoryAsync(session.Entity, session.Project, session.RunName), "history after the retry");
    }

    private static async Task<HttpResponseMessage> PostAsync(WorbHostProcess host, ClientSession session, long offset, IReadOnlyList<string> lines)
    {
        var body = new JsonObject
        {
            ["files"] = new JsonObject
            {
                [RecordingExpectations.HistoryFile] = new JsonObject
                {
                    ["offset"] = offset,
                    ["content"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, session.FileStreamUrl())
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        return await host.HttpClient.SendAsync(request);
    }
}
