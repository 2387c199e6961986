using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;

namespace Worb.Load;

/// <summary>Speaks to Worb as the Python client does: GraphQL UpsertBucket, then file_stream POSTs (texts from <see cref="WandbQueries"/>).</summary>
public sealed class WandbClient(HttpClient http, Uri baseUrl)
{
    private int _retries;

    public const string Entity = "bench";

    public static HttpClient CreateHttp() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + new string('0', 40)))),
            UserAgent = { new ProductInfoHeaderValue("W&B", "0.17.9") },
        },
    };

    public async Task UpsertBucketAsync(string project, string run, CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["id"] = null,
            ["entity"] = Entity,
            ["name"] = run,
            ["project"] = project,
            ["groupName"] = null,
            ["tags"] = null,
            ["description"] = null,
            ["config"] = "{\"lr\": {\"desc\": null, \"value\": 0.1}}",
            ["commit"] = null,
            ["displayName"] = null,
            ["notes"] = null,
            ["host"] = "bench",
            ["debug"] = false,
            ["repo"] = null,
            ["program"] = "bench.py",
            ["jobType"] = null,
            ["state"] = null,
            ["sweep"] = null,
            ["summaryMetrics"] = null,
        };
        var answer = await GraphQLAsync(WandbQueries.UpsertBucket, variables, cancellationToken);
        if (answer["data"]?["upsertBucket"]?["bucket"]?["name"]?.GetValue<string>() != run)
        {
            throw new InvalidOperationException("UpsertBucket failed: " + answer.ToJsonString());
        }
    }

    /// <summary>POSTs one file_stream body; returns how long the acknowledgement took.</summary>
    public async Task<TimeSpan> PostChunkAsync(string project, string run, byte[] body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await http.PostAsync(new Uri(baseUrl, $"files/{Entity}/{project}/{run}/file_stream"), content, cancellationToken);
            if (answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests && attempt < 30)
            {
                // The server's back-pressure: retry after the delay it asks for, as the wandb client does.
                Interlocked.Increment(ref _retries);
                await Task.Delay(answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }
            await EnsureAcknowledgedAsync(answer, cancellationToken);
            return Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>How many file_stream POSTs were answered 429 and retried.</summary>
    public int Retries => Volatile.Read(ref _retries);

    private static async Task EnsureAcknowledgedAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"file_stream answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
        await answer.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>The dashboard endpoint's NDJSON lines.</summary>
    public async Task<int> BucketsAsync(string project, string run, string key, int buckets, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, $"api/runs/{Entity}/{project}/{run}/history/buckets?key={Uri.EscapeDataString(key)}&buckets={buckets}");
        var text = await http.GetStringAsync(url, cancellationToken);
        return text.Count(c => c == '\n');
    }

    /// <summary>The dashboard's multi-run chart endpoint <c>/api/history</c> for one run and key; returns the number of buckets.</summary>
    public async Task<int> DashboardHistoryAsync(string project, string run, string key, int buckets, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, $"api/history?project={Entity}/{project}&runs={run}&keys={Uri.EscapeDataString(key)}&buckets={buckets}");
        var text = await http.GetStringAsync(url, cancellationToken);
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        return JsonNode.Parse(line)?["x"]?.AsArray().Count ?? throw new InvalidOperationException("api/history failed: " + line);
    }

    /// <summary>The Python public API's sampledHistory; returns the number of rows.</summary>
    public async Task<int> SampledHistoryAsync(string project, string run, string key, int samples, CancellationToken cancellationToken)
    {
        var spec = new JsonObject { ["keys"] = new JsonArray(key), ["samples"] = samples }.ToJsonString();
        var variables = new JsonObject { ["entity"] = Entity, ["project"] = project, ["name"] = run, ["specs"] = new JsonArray(spec) };
        var answer = await GraphQLAsync(WandbQueries.RunSampledHistory, variables, cancellationToken);
        return answer["data"]?["project"]?["run"]?["sampledHistory"]?[0]?.AsArray().Count
            ?? throw new InvalidOperationException("sampledHistory failed: " + answer.ToJsonString()[..Math.Min(500, answer.ToJsonString().Length)]);
    }

    /// <summary>One sample of a metric from <c>/metrics</c> (first series with that name), or null.</summary>
    public async Task<double?> ScrapeAsync(string name, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(baseUrl, "metrics"), cancellationToken);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(name) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                // name{labels} value [timestamp]
                var rest = line[name.Length] == '{' ? line[(line.IndexOf('}') + 1)..] : line[name.Length..];
                var fields = rest.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(fields[0], CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private async Task<JsonNode> GraphQLAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var answer = await http.PostAsync(new Uri(baseUrl, "graphql"), content, cancellationToken);
        var text = await answer.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty GraphQL answer");
    }
}
