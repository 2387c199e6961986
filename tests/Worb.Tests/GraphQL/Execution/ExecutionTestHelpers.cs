using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Worb.Api.GraphQL.Execution;
using Xunit;

namespace Worb.Tests.GraphQL.Execution;

/// <summary>Runs requests through <see cref="WorbGraphQLExecutor"/> and returns the serialized answer as JSON.</summary>
internal sealed class ExecutionHarness
{
    private readonly ISchema _schema = TestSchema.Create();
    private readonly GraphQLSerializer _serializer = new();
    private readonly WorbGraphQLExecutor _executor;

    public ExecutionHarness(ILogger<WorbGraphQLExecutor>? logger = null) =>
        _executor = new(new DocumentExecuter(), new LenientDocumentRewriter(), logger ?? NullLogger<WorbGraphQLExecutor>.Instance);

    public async Task<JsonObject> RunAsync(string query, string? operationName = null, string? variablesJson = null)
    {
        var variables = variablesJson is null ? null : _serializer.Deserialize<Inputs>(variablesJson);
        using var services = new ServiceCollection().BuildServiceProvider();
        var result = await _executor.ExecuteAsync(
            new WorbGraphQLRequest(query, operationName, variables), _schema, services, user: null, CancellationToken.None);
        var json = _serializer.Serialize(result);
        return JsonNode.Parse(json)!.AsObject();
    }
}

internal static class JsonAssert
{
    public static void NoErrors(JsonObject response) =>
        Assert.False(response.ContainsKey("errors"), $"unexpected errors: {response.ToJsonString()}");

    public static void HasErrors(JsonObject response) =>
        Assert.True(response["errors"] is JsonArray { Count: > 0 }, $"expected errors: {response.ToJsonString()}");

    /// <summary>The key is present and its value is JSON null.</summary>
    public static void NullKey(JsonNode? parent, string key)
    {
        var obj = Assert.IsType<JsonObject>(parent);
        Assert.True(obj.ContainsKey(key), $"key '{key}' missing in {obj.ToJsonString()}");
        Assert.Null(obj[key]);
    }

    public static void Missing(JsonNode? parent, string key)
    {
        var obj = Assert.IsType<JsonObject>(parent);
        Assert.False(obj.ContainsKey(key), $"key '{key}' unexpectedly present in {obj.ToJsonString()}");
    }

    public static string? Str(JsonNode? node) => node?.GetValue<string>();
}

/// <summary>Keeps every log entry with its structured state.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        lock (_lock)
        {
            _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception, properties.ToDictionary(pair => pair.Key, pair => pair.Value)));
        }
    }
}

internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, Dictionary<string, object?> Properties);
