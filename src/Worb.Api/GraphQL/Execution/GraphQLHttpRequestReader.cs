using System.Text.Json;
using GraphQL;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// Reads <c>{"query", "variables", "operationName"}</c> from a JSON request body. Other keys (e.g.
/// <c>extensions</c>) are ignored; <c>variables</c> and <c>operationName</c> may be absent or null.
/// </summary>
internal sealed class GraphQLHttpRequestReader(IGraphQLSerializer serializer)
{
    private const string QueryKey = "query";
    private const string VariablesKey = "variables";
    private const string OperationNameKey = "operationName";

    /// <summary>The request, or why the body is unusable (answered with HTTP 400).</summary>
    public async Task<GraphQLHttpReadResult> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return GraphQLHttpReadResult.Fail("The request body is not valid JSON.");
        }

        using (json)
        {
            return Read(json.RootElement);
        }
    }

    private GraphQLHttpReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return GraphQLHttpReadResult.Fail("The request body must be a JSON object.");
        }

        if (!root.TryGetProperty(QueryKey, out var queryElement) ||
            queryElement.ValueKind != JsonValueKind.String ||
            queryElement.GetString() is not { } query ||
            string.IsNullOrWhiteSpace(query))
        {
            return GraphQLHttpReadResult.Fail("The request has no GraphQL query: expected a string in \"query\".");
        }

        string? operationName = null;
        if (root.TryGetProperty(OperationNameKey, out var nameElement))
        {
            switch (nameElement.ValueKind)
            {
                case JsonValueKind.String:
                    operationName = nameElement.GetString();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return GraphQLHttpReadResult.Fail("\"operationName\" must be a string or null.");
            }
        }

        Inputs? variables = null;
        if (root.TryGetProperty(VariablesKey, out var variablesElement))
        {
            switch (variablesElement.ValueKind)
            {
                case JsonValueKind.Object:
                    variables = serializer.ReadNode<Inputs>(variablesElement);
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return GraphQLHttpReadResult.Fail("\"variables\" must be a JSON object or null.");
            }
        }

        return new GraphQLHttpReadResult(new WorbGraphQLRequest(query, operationName, variables), null);
    }
}

/// <summary>Either a request or the reason the body was rejected.</summary>
internal sealed record GraphQLHttpReadResult(WorbGraphQLRequest? Request, string? Error)
{
    public static GraphQLHttpReadResult Fail(string error) => new(null, error);
}
