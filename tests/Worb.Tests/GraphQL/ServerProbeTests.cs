using System.Text.Json;
using Xunit;

namespace Worb.Tests.GraphQL;

/// <summary>Capability probes, Viewer and serverInfo: what every client asks before a run starts.</summary>
public sealed class ServerProbeTests
{
    [Fact]
    public async Task ProbeServerCapabilities_lists_the_fields_the_sdk_looks_for_and_the_artifact_mutations()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(ClientQueries.ProbeServerCapabilities, "{}");

        var query = FieldNames(data.GetProperty("QueryType"));
        var mutation = FieldNames(data.GetProperty("MutationType"));
        var serverInfo = FieldNames(data.GetProperty("ServerInfoType"));
        Assert.Superset(new HashSet<string> { "viewer", "serverInfo", "project", "projects", "model", "models", "entity", "run" }, query.ToHashSet());
        Assert.Superset(new HashSet<string> { "upsertBucket", "createRunFiles", "notifyScriptableRunAlert", "stopRun" }, mutation.ToHashSet());
        Assert.Superset(new HashSet<string> { "createArtifact", "createArtifactManifest", "createArtifactFiles", "commitArtifact", "useArtifact" }, mutation.ToHashSet());
        Assert.Contains("artifact", query);
        Assert.Equal(["cliVersionInfo", "latestLocalVersionInfo", "features"], serverInfo);
    }

    [Fact]
    public async Task ProbeServerSettings_lists_serverMessages()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(ClientQueries.ProbeServerSettings, "{}");

        Assert.Equal(["serverMessages"], FieldNames(data.GetProperty("ServerSettingsType")));
    }

    [Fact]
    public async Task Python_viewer_answers_the_default_entity_string_flags_and_server_info()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(ClientQueries.PythonViewer, "{}");

        var viewer = data.GetProperty("viewer");
        Assert.Equal(GraphQLTestHost.Entity, viewer.GetProperty("entity").GetString());
        Assert.Equal(GraphQLTestHost.Entity, viewer.GetProperty("username").GetString());
        Assert.Equal(JsonValueKind.String, viewer.GetProperty("email").ValueKind);
        Assert.Equal("{}", viewer.GetProperty("flags").GetString());
        var team = Assert.Single(viewer.GetProperty("teams").GetProperty("edges").EnumerateArray());
        Assert.Equal(GraphQLTestHost.Entity, team.GetProperty("node").GetProperty("name").GetString());
        var serverInfo = data.GetProperty("serverInfo");
        Assert.Equal("0.99.0", serverInfo.GetProperty("cliVersionInfo").GetProperty("max_cli_version").GetString());
        Assert.Equal("0.10.0", serverInfo.GetProperty("cliVersionInfo").GetProperty("min_cli_version").GetString());
        var local = serverInfo.GetProperty("latestLocalVersionInfo");
        Assert.False(local.GetProperty("outOfDate").GetBoolean());
        Assert.Equal(JsonValueKind.String, local.GetProperty("versionOnThisInstanceString").ValueKind);
    }

    [Theory]
    [InlineData(ClientQueries.NpmViewer)]
    [InlineData(ClientQueries.CoreViewer)]
    [InlineData(ClientQueries.PublicViewer)]
    public async Task Every_client_viewer_gets_a_non_null_viewer_with_the_entity(string query)
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var data = await host.DataAsync(query);

        var viewer = data.GetProperty("viewer");
        Assert.Equal(GraphQLTestHost.Entity, viewer.GetProperty("entity").GetString());
        Assert.Equal(JsonValueKind.String, viewer.GetProperty("id").ValueKind);
        if (viewer.TryGetProperty("flags", out var flags))
        {
            Assert.Equal(JsonValueKind.String, flags.ValueKind);
        }
    }

    [Fact]
    public async Task ServerFeaturesQuery_answers_an_empty_feature_list_never_null()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var text = await host.ExecuteAsync(ClientQueries.CoreServerFeaturesQuery);

        Assert.Equal("""{"data":{"serverInfo":{"features":[]}}}""", text);
    }

    [Fact]
    public async Task OrganizationCoreWeaveOrganizationID_answers_a_null_organization()
    {
        await using var host = await GraphQLTestHost.StartAsync();

        var text = await host.ExecuteAsync(ClientQueries.CoreOrganizationCoreWeaveOrganizationID, """{"entityName":"alice"}""");

        Assert.Equal("""{"data":{"entity":{"organization":null}}}""", text);
    }

    private static List<string> FieldNames(JsonElement type) =>
        type.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
}
