using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Worb.Grains;
using Worb.Host;
using Worb.Host.Clustering;

namespace Worb.Tests.Configuration;

/// <summary>The clustering flags: what <see cref="WorbApp.Build"/> accepts, and what it refuses with a message.</summary>
public sealed class ClusteringConfigurationTests : IDisposable
{
    private const string Connection = "Host=127.0.0.1;Port=5432;Database=worb;Username=worb";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "worb-config-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task The_default_is_localhost_clustering()
    {
        await using var app = Build();

        var settings = ClusteringSettings.From(new WorbOptions(), siloNameGiven: false);
        Assert.Equal(ClusteringMode.Localhost, settings.Mode);
        Assert.Null(settings.ConnectionString);
        Assert.Null(app.Services.GetService<PostgresClusteringSchema>());
    }

    [Fact]
    public async Task Postgres_clustering_builds_with_a_connection_string_and_a_silo_name()
    {
        await using var app = Build(
            "--clustering", "postgres", "--clustering-connection", Connection, "--silo-name", "silo-a",
            "--advertised-ip", "127.0.0.1", "--silo-port", "21111", "--gateway-port", "23000", "--cluster-id", "lab");

        var settings = app.Services.GetRequiredService<ClusteringSettings>();
        Assert.Equal(ClusteringMode.Postgres, settings.Mode);
        Assert.Equal(Connection, settings.ConnectionString);
        Assert.Equal("127.0.0.1", settings.AdvertisedIp?.ToString());
        Assert.Equal("lab", settings.ClusterId);
        Assert.NotNull(app.Services.GetService<PostgresClusteringSchema>());
    }

    [Fact]
    public void Clustering_names_ignore_case()
    {
        var options = new WorbOptions { Clustering = "PostgreSQL", ClusteringConnection = Connection, SiloName = "b" };

        Assert.Equal(ClusteringMode.Postgres, ClusteringSettings.From(options, siloNameGiven: true).Mode);
    }

    [Theory]
    [InlineData("InsertMembershipVersionKey")]
    [InlineData("MembershipReadAllKey")]
    [InlineData("MembershipReadRowKey")]
    [InlineData("InsertMembershipKey")]
    [InlineData("UpdateMembershipKey")]
    [InlineData("UpdateIAmAlivetimeKey")]
    [InlineData("GatewaysQueryKey")]
    [InlineData("DeleteMembershipTableEntriesKey")]
    [InlineData("CleanupDefunctSiloEntriesKey")]
    public void The_embedded_schema_installs_every_query_the_clustering_provider_requires(string queryKey)
    {
        Assert.Contains($"('{queryKey}', $query$", PostgresClusteringSchema.Script(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--clustering", "consul" }, "Unknown --clustering 'consul'")]
    [InlineData(new[] { "--clustering", "postgres", "--silo-name", "a" }, "needs --clustering-connection")]
    [InlineData(new[] { "--clustering", "postgres", "--clustering-connection", Connection }, "needs --silo-name")]
    [InlineData(new[] { "--clustering", "postgres", "--clustering-connection", "Host=db;NoSuchKeyword=1", "--silo-name", "a" }, "is not a PostgreSQL connection string")]
    [InlineData(new[] { "--clustering-connection", Connection }, "only used with --clustering postgres")]
    [InlineData(new[] { "--advertised-ip", "10.0.0.5" }, "only used with --clustering postgres")]
    [InlineData(new[] { "--clustering", "postgres", "--clustering-connection", Connection, "--silo-name", "a", "--advertised-ip", "not-an-ip" }, "is not an IP address")]
    [InlineData(new[] { "--clustering", "postgres", "--clustering-connection", Connection, "--silo-name", "a", "--advertised-ip", "0.0.0.0" }, "not an address other silos can reach")]
    [InlineData(new[] { "--silo-port", "11111", "--gateway-port", "11111" }, "two different ports")]
    [InlineData(new[] { "--silo-port", "70000" }, "is not a port")]
    [InlineData(new[] { "--silo-name", "../elsewhere" }, "Invalid --silo-name")]
    [InlineData(new[] { "--cluster-id", " " }, "--cluster-id must not be empty")]
    public void Refuses_combinations_it_cannot_run_with(string[] arguments, string expectedMessage)
    {
        var error = Assert.Throws<WorbConfigurationException>(() => Build(arguments));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    private WebApplication Build(params string[] arguments) =>
        WorbApp.Build(["--data", _data, "--port", "0", .. arguments]);
}
