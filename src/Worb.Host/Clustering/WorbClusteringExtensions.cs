using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;

namespace Worb.Host.Clustering;

public static class WorbClusteringExtensions
{
    /// <summary>The ADO.NET provider invariant Orleans loads Npgsql by.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Localhost clustering (one silo, loopback) or Orleans' ADO.NET clustering on PostgreSQL, with the ports the
    /// options name (0 takes a free one: the membership table tells the other silos which).
    /// </summary>
    public static ISiloBuilder UseWorbClustering(this ISiloBuilder silo, ClusteringSettings clustering, int siloPort, int gatewayPort)
    {
        siloPort = siloPort == 0 ? FreePort() : siloPort;
        gatewayPort = gatewayPort == 0 ? FreePort() : gatewayPort;
        if (clustering.Mode == ClusteringMode.Localhost)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: clustering.ServiceId, clusterId: clustering.ClusterId);
        }

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clustering.ClusterId;
            cluster.ServiceId = clustering.ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = siloPort;
            endpoints.GatewayPort = gatewayPort;
            if (clustering.AdvertisedIp is { } advertised)
            {
                endpoints.AdvertisedIPAddress = advertised;
            }
        });
        silo.UseAdoNetClustering(ado =>
        {
            ado.Invariant = NpgsqlInvariant;
            ado.ConnectionString = clustering.ConnectionString;
        });
        silo.Services.AddSingleton(clustering);
        silo.Services.AddSingleton<PostgresClusteringSchema>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(p => p.GetRequiredService<PostgresClusteringSchema>());
        return silo;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
