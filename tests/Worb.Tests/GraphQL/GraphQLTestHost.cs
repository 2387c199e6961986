using Worb.Api.Security;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Files;
using Worb.Api.GraphQL.Scalars;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Tests.GraphQL;

/// <summary>
/// The schema over a real SQLite file in a temp directory, with fake grains and file URLs. Executes documents
/// the way the endpoint does and returns the serialized answer.
/// </summary>
internal sealed class GraphQLTestHost : IAsyncDisposable
{
    public const string Entity = "worb-entity";

    /// <summary>"Now" for the tests: 2026-11-29T12:45:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 45, 0, TimeSpan.Zero);

    private readonly string _directory;
    private readonly ServiceProvider _services;
    private readonly GraphQLSerializer _serializer = new(o => o.Converters.Add(new RawJsonConverter()));

    private GraphQLTestHost(string directory, ServiceProvider services, TestStore store, FakeGrainFactory grains)
    {
        _directory = directory;
        _services = services;
        Store = store;
        Grains = grains;
    }

    public FakeGrainFactory Grains { get; }

    public TestStore Store { get; }

    public static async Task<GraphQLTestHost> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "worb-gql-" + Guid.NewGuid().ToString("N"));
        var database = new WorbDatabase(Path.Combine(directory, "worb.db"));
        await database.InitializeAsync();
        var grains = new FakeGrainFactory();
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(new WorbOptions { Data = directory, Entity = Entity, HeartbeatTimeoutSeconds = 300 }))
            .AddSingleton(database)
            .AddSingleton<Orleans.IGrainFactory>(grains)
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton<IRunFileUrls, FakeRunFileUrls>()
            .AddSingleton<IStoreBarrier, NoPendingWrites>()
            .AddWorbSecurity() // upload and artifact URL signing need the server secret
            .AddWorbGraphQLSchema()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new GraphQLTestHost(directory, services, new TestStore(database), grains);
    }

    /// <summary>Executes <paramref name="query"/> with JSON <paramref name="variables"/>; returns the answer's JSON text.</summary>
    public async Task<string> ExecuteAsync(string query, string? variables = null)
    {
        var schema = _services.GetRequiredService<ISchema>();
        var result = await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = query;
            o.Variables = variables is null ? null : _serializer.Deserialize<Inputs>(variables);
            o.RequestServices = _services;
            o.ThrowOnUnhandledException = true;
        });
        return _serializer.Serialize(result);
    }

    /// <summary>Executes and parses the answer; fails the test when it carries errors.</summary>
    public async Task<JsonElement> DataAsync(string query, string? variables = null)
    {
        var text = await ExecuteAsync(query, variables);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            throw new Xunit.Sdk.XunitException("GraphQL errors: " + errors.GetRawText());
        }
        return root.GetProperty("data").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
