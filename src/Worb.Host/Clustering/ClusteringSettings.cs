using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Worb.Grains;

namespace Worb.Host.Clustering;

/// <summary>The clustering settings of <see cref="WorbOptions"/>, checked together.</summary>
public sealed partial record ClusteringSettings(
    ClusteringMode Mode,
    string? ConnectionString,
    IPAddress? AdvertisedIp,
    string ClusterId,
    string ServiceId)
{
    /// <summary>
    /// Checks the clustering settings; throws <see cref="WorbConfigurationException"/> for combinations the silo
    /// can't run with. <paramref name="siloNameGiven"/> says whether the silo name was set rather than defaulted.
    /// </summary>
    public static ClusteringSettings From(WorbOptions options, bool siloNameGiven)
    {
        var mode = ParseMode(options.Clustering);
        CheckSiloName(options.SiloName);
        CheckPort("--silo-port", options.SiloPort);
        CheckPort("--gateway-port", options.GatewayPort);
        if (options.SiloPort != 0 && options.SiloPort == options.GatewayPort)
        {
            throw new WorbConfigurationException(
                $"--silo-port and --gateway-port are both {options.SiloPort}; they need two different ports.");
        }
        var clusterId = Required("--cluster-id", options.ClusterId);
        var serviceId = Required("--service-id", options.ServiceId);
        var connection = string.IsNullOrWhiteSpace(options.ClusteringConnection) ? null : options.ClusteringConnection.Trim();
        var advertised = ParseAdvertisedIp(options.AdvertisedIp);

        if (mode == ClusteringMode.Localhost)
        {
            if (connection is not null)
            {
                throw new WorbConfigurationException(
                    "--clustering-connection is only used with --clustering postgres; add --clustering postgres or drop it.");
            }
            if (advertised is not null)
            {
                throw new WorbConfigurationException(
                    "--advertised-ip is only used with --clustering postgres (a localhost silo is reached on loopback).");
            }
            return new ClusteringSettings(mode, null, null, clusterId, serviceId);
        }

        if (connection is null)
        {
            throw new WorbConfigurationException(
                "--clustering postgres needs --clustering-connection (or WORB_CLUSTERINGCONNECTION), " +
                "e.g. \"Host=db;Database=worb;Username=worb;Password=...\": the database silos use to find each other.");
        }
        CheckConnectionString(connection);
        if (!siloNameGiven)
        {
            // Silos of one cluster share the data folder, and a silo's write-ahead log is wal/<silo name>.
            throw new WorbConfigurationException(
                "--clustering postgres needs --silo-name (or WORB_SILONAME): every silo of a cluster needs its own " +
                "name, which also names its write-ahead log (wal/<name>) in the shared data folder.");
        }
        return new ClusteringSettings(mode, connection, advertised, clusterId, serviceId);
    }

    private static ClusteringMode ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "localhost" => ClusteringMode.Localhost,
        "postgres" or "postgresql" => ClusteringMode.Postgres,
        _ => throw new WorbConfigurationException(
            $"Unknown --clustering '{value}': use 'localhost' (one process, the default) or 'postgres' " +
            "(several silos; needs --clustering-connection)."),
    };

    private static void CheckSiloName(string name)
    {
        if (!SiloNamePattern().IsMatch(name) || name is "." or "..")
        {
            throw new WorbConfigurationException(
                $"Invalid --silo-name '{name}': it names the silo's write-ahead log folder (wal/<name>), so use " +
                "letters, digits, '.', '_' and '-' only (at most 64).");
        }
    }

    private static void CheckPort(string flag, int port)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new WorbConfigurationException($"{flag} {port} is not a port (0 picks a free one).");
        }
    }

    private static string Required(string flag, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new WorbConfigurationException($"{flag} must not be empty.")
            : value.Trim();

    private static IPAddress? ParseAdvertisedIp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!IPAddress.TryParse(value.Trim(), out var address))
        {
            throw new WorbConfigurationException($"--advertised-ip '{value}' is not an IP address.");
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            throw new WorbConfigurationException(
                $"--advertised-ip {value} is not an address other silos can reach; give this machine's address.");
        }
        return address;
    }

    private static void CheckConnectionString(string connection)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connection);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new WorbConfigurationException("--clustering-connection names no Host.");
            }
        }
        catch (ArgumentException e)
        {
            throw new WorbConfigurationException($"--clustering-connection is not a PostgreSQL connection string: {e.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SiloNamePattern();
}
