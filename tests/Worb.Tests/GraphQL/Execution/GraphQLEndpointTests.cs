using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Worb.Api.GraphQL.Execution;
using Xunit;

namespace Worb.Tests.GraphQL.Execution;

/// <summary>A real Kestrel server on 127.0.0.1 with only the GraphQL endpoint and the test schema.</summary>
public sealed class GraphQLEndpointFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        builder.Services.AddSingleton(TestSchema.Create());
        builder.Services.AddSingleton<JsonConverter, RawJsonConverter>();
        builder.Services.AddWorbGraphQLExecution();

        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapWorbGraphQL();
        await app.StartAsync();
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Writes <see cref="RawJson"/> verbatim, bare NaN included (Python's json accepts it).</summary>
    private sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}

public sealed class GraphQLEndpointTests(GraphQLEndpointFixture fixture) : IClassFixture<GraphQLEndpointFixture>
{
    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync("/graphql", content);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static string Body(string query, object? variables = null, string? operationName = null, bool includeOperationName = false)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            body["variables"] = JsonSerializer.SerializeToNode(variables);
        }

        if (includeOperationName || operationName is not null)
        {
            body["operationName"] = operationName;
        }

        return body.ToJsonString();
    }

    [Fact]
    public async Task PythonStyleBody_WithoutOperationName()
    {
        const string Query = "query RunStoppedStatus($projectName: String, $entityName: String, $runId: String!) {\n  project(name: $projectName, entityName: $entityName) {\n    run(name: $runId) {\n      stopped\n    }\n  }\n}\n";
        var (status, contentType, body) = await PostAsync(Body(Query, new { projectName = "p", entityName = "e", runId = "r1" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        var json = JsonNode.Parse(body)!.AsObject();
        JsonAssert.NoErrors(json);
        Assert.False(json["data"]!["project"]!["run"]!["stopped"]!.GetValue<bool>());
    }

    [Fact]
    public async Task NpmStyleBody_WithOperationName_AndUnknownFields()
    {
        const string Query = "\n    query Viewer {\n      project(name: \"p\") {\n        name\n        flags\n      }\n    }\n  ";
        var (status, _, body) = await PostAsync(Body(Query, new { }, "Viewer"));

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(body)!.AsObject();
        JsonAssert.NoErrors(json);
        Assert.Equal("p", JsonAssert.Str(json["data"]!["project"]!["name"]));
        JsonAssert.NullKey(json["data"]!["project"], "flags");
    }

    [Fact]
    public async Task CoreStyleBody_WithoutVariables_AndEmptyOperationName()
    {
        const string Query = "\nquery ServerFeaturesQuery {\n\tserverInfo {\n\t\tfeatures {\n\t\t\tname\n\t\t\tisEnabled\n\t\t}\n\t}\n}\n";
        var (status, _, body) = await PostAsync("{\"query\":" + JsonSerializer.Serialize(Query) + ",\"operationName\":\"\"}");

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(body)!.AsObject();
        JsonAssert.NoErrors(json);
        JsonAssert.NullKey(json["data"], "serverInfo");
    }

    [Fact]
    public async Task NullVariablesAndNullOperationName_AreAccepted()
    {
        var (status, _, body) = await PostAsync("""{"query": "{ project(name: \"p\") { name } }", "variables": null, "operationName": null, "extensions": {}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(body)!.AsObject();
        JsonAssert.NoErrors(json);
        Assert.Equal("p", JsonAssert.Str(json["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task GraphQLErrors_AreAnsweredWithHttp200()
    {
        var (status, contentType, body) = await PostAsync(Body("query Broken { project(name: 5) { name } }"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        JsonAssert.HasErrors(JsonNode.Parse(body)!.AsObject());
    }

    [Fact]
    public async Task NonJsonBody_Is400WithAGraphQLStyleError()
    {
        var (status, contentType, body) = await PostAsync("query { project { name } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/json", contentType);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Contains("JSON", JsonAssert.Str(json["errors"]![0]!["message"]));
    }

    [Theory]
    [InlineData("""{"variables": {}}""")]
    [InlineData("""{"query": null}""")]
    [InlineData("""{"query": 5}""")]
    [InlineData("""{"query": "  "}""")]
    [InlineData("""[{"query": "{ __typename }"}]""")]
    [InlineData("""{"query": "{ __typename }", "variables": [1]}""")]
    public async Task UnusableJsonBody_Is400(string requestBody)
    {
        var (status, _, body) = await PostAsync(requestBody);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonAssert.HasErrors(JsonNode.Parse(body)!.AsObject());
    }

    [Fact]
    public async Task AllFieldsUnknown_AnswersDataWithNulls()
    {
        var (status, _, body) = await PostAsync(Body("query OrganizationCoreWeaveOrganizationID($entityName: String!) { entity(name: $entityName) { organization { coreWeaveOrganizationId } } }", new { entityName = "e" }, "OrganizationCoreWeaveOrganizationID"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"entity":null}}""", body);
    }

    [Fact]
    public async Task RegisteredJsonConverters_AreUsedByTheSerializer()
    {
        var (status, _, body) = await PostAsync(Body("{ raw }"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"data":{"raw":{"x": NaN}}}""", body);
    }

    [Fact]
    public async Task GetIsNotMapped()
    {
        using var response = await fixture.Client.GetAsync("/graphql?query={__typename}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
