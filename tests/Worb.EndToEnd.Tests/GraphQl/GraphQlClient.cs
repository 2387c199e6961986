using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.GraphQl;

/// <summary>Posts GraphQL requests as <c>wandb.Api()</c> does (Basic auth, no operationName).</summary>
public sealed class GraphQlClient(WorbHostProcess host)
{
    private const string PublicClientAgent = "W&B Public Client 0.17.9";

    /// <summary>Sends the query and returns the whole answer, whatever it holds.</summary>
    public async Task<(int Status, JsonObject? Answer, string Text)> SendRawAsync(string query, JsonObject? variables, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables ?? [] };
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url("/graphql"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString(RecordedJson.WriteOptions))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = TestCredentials.BasicAuthorization;
        request.Headers.TryAddWithoutValidation("User-Agent", PublicClientAgent);
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? answer = null;
        try
        {
            answer = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Reported by the caller.
        }
        return ((int)response.StatusCode, answer, text);
    }

    /// <summary>Sends the query and returns <c>data</c>; fails on a non-200 status or any <c>errors</c>.</summary>
    public async Task<JsonObject> QueryAsync(string query, JsonObject? variables = null, CancellationToken cancellationToken = default)
    {
        var (status, answer, text) = await SendRawAsync(query, variables, cancellationToken);
        var operation = query.TrimStart().Split('(', '{', ' ')[1];
        if (status != 200 || answer is null)
        {
            throw new GraphQlException($"{operation}: HTTP {status}: {Shorten(text)}");
        }
        if (answer["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new GraphQlException($"{operation}: errors {Shorten(errors.ToJsonString())}");
        }
        return answer["data"] as JsonObject ?? throw new GraphQlException($"{operation}: no data in {Shorten(text)}");
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}

public sealed class GraphQlException(string message) : Exception(message);
