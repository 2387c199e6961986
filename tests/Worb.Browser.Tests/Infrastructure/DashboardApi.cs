using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>Calls the dashboard's REST API of a running host; NDJSON answers come back as a list of lines.</summary>
public sealed class DashboardApi(WorbHostProcess host)
{
    public async Task<(int Status, string Body)> GetAsync(string pathAndQuery)
    {
        using var response = await host.HttpClient.GetAsync(host.Url(pathAndQuery));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> GetJsonAsync(string pathAndQuery)
    {
        var (status, body) = await GetAsync(pathAndQuery);
        Assert.True(status == 200, $"GET {pathAndQuery}: HTTP {status} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<List<JsonNode>> GetLinesAsync(string pathAndQuery)
    {
        var (status, body) = await GetAsync(pathAndQuery);
        Assert.True(status == 200, $"GET {pathAndQuery}: HTTP {status} {body}");
        return ParseLines(body);
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, host.Url(path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await host.HttpClient.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, List<JsonNode> Lines, string Body)> SqlAsync(string sql)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/sql", new { sql });
        return (status, status == 200 ? ParseLines(body) : [], body);
    }

    public static List<JsonNode> ParseLines(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();

    public static double[] Doubles(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
}
