using System.Globalization;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary><c>/metrics</c> (Prometheus text) and the chart endpoint <c>/api/runs/.../history/buckets</c> on the real host.</summary>
public sealed class ObservabilityTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Metrics_show_ingest_store_backlog_live_runs_and_http_requests()
    {
        var session = new ClientSession(fixture.Host, "metrics", ClientSession.NewRunId());
        await session.CreateRunAsync();
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, Enumerable.Range(0, 10).Select(i => ClientSession.HistoryLine(i, i)).ToList());

        // The store drains within its flush interval; the backlog then reads 0 and the values are counted.
        var text = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            text = await fixture.Host.HttpClient.GetStringAsync(fixture.Host.Url("/metrics"));
            if (Sample(text, "worb_store_values_total") > 0 && Sample(text, "worb_wal_pending_bytes") == 0)
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.True(Sample(text, "worb_ingest_lines_total") >= 10, text);
        Assert.True(Sample(text, "worb_ingest_chunks_total") >= 1, text);
        Assert.True(Sample(text, "worb_store_values_total") >= 10, text);
        Assert.Equal(0, Sample(text, "worb_wal_pending_bytes"));
        Assert.True(Sample(text, "worb_runs_live") >= 1, text);
        Assert.Contains("worb_store_flush_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("worb_store_batch_values_bucket", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_buckets_stream_as_ndjson()
    {
        var session = new ClientSession(fixture.Host, "buckets", ClientSession.NewRunId());
        await session.CreateRunAsync();
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, Enumerable.Range(0, 100).Select(i => ClientSession.HistoryLine(i, i)).ToList());

        using var answer = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url(
            $"/api/runs/{session.Entity}/{session.Project}/{session.RunName}/history/buckets?key=loss&buckets=10"));
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Equal("application/x-ndjson", answer.Content.Headers.ContentType?.MediaType);
        var buckets = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(10, buckets.Count);
        Assert.Equal(100, buckets.Sum(b => b["count"]!.GetValue<long>()));
        Assert.Equal(0, buckets[0]["firstStep"]!.GetValue<long>());
        Assert.Equal(99, buckets[^1]["lastStep"]!.GetValue<long>());
        Assert.Equal(99, buckets[^1]["last"]!.GetValue<double>());
        Assert.Equal(90, buckets[^1]["min"]!.GetValue<double>());

        using var unknown = await fixture.Host.HttpClient.GetAsync(fixture.Host.Url(
            $"/api/runs/{session.Entity}/{session.Project}/no-such-run/history/buckets?key=loss"));
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    /// <summary>The value of the first sample of <paramref name="name"/>, or -1 when there is none.</summary>
    private static double Sample(string text, string name)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                var rest = line[name.Length] == '{' ? line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..] : line[name.Length..];
                var fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(fields[0], CultureInfo.InvariantCulture);
            }
        }
        return -1;
    }
}
