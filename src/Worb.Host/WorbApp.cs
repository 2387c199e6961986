using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Worb.Api;
using Worb.Api.Security;
using Worb.Grains;
using Worb.Host.Clustering;

namespace Worb.Host;

/// <summary>Builds the Worb web application: configuration, the co-hosted Orleans silo and the HTTP surfaces.</summary>
public static class WorbApp
{
    /// <summary>Command-line flags and the configuration keys they set (WORB_* environment variables set the same keys).</summary>
    private static readonly Dictionary<string, string> FlagMappings = new(StringComparer.Ordinal)
    {
        ["--host"] = nameof(WorbOptions.Host),
        ["--port"] = nameof(WorbOptions.Port),
        ["--data"] = nameof(WorbOptions.Data),
        ["--entity"] = nameof(WorbOptions.Entity),
        ["--max-body-bytes"] = nameof(WorbOptions.MaxBodyBytes),
        ["--flush-interval-ms"] = nameof(WorbOptions.FlushIntervalMs),
        ["--flush-pending-bytes"] = nameof(WorbOptions.FlushPendingBytes),
        ["--flush-max-rows"] = nameof(WorbOptions.FlushMaxRows),
        ["--wal-compact-bytes"] = nameof(WorbOptions.WalCompactBytes),
        ["--max-wal-lag-bytes"] = nameof(WorbOptions.MaxWalLagBytes),
        ["--api-key"] = nameof(WorbOptions.ApiKey),
        ["--api-keys-file"] = nameof(WorbOptions.ApiKeysFile),
        ["--allow-remote-without-key"] = nameof(WorbOptions.AllowRemoteWithoutKey),
        ["--heartbeat-timeout-seconds"] = nameof(WorbOptions.HeartbeatTimeoutSeconds),
        ["--pending-artifact-timeout-seconds"] = nameof(WorbOptions.PendingArtifactTimeoutSeconds),
        ["--silo-name"] = nameof(WorbOptions.SiloName),
        ["--silo-port"] = nameof(WorbOptions.SiloPort),
        ["--gateway-port"] = nameof(WorbOptions.GatewayPort),
        ["--clustering"] = nameof(WorbOptions.Clustering),
        ["--clustering-connection"] = nameof(WorbOptions.ClusteringConnection),
        ["--cluster-id"] = nameof(WorbOptions.ClusterId),
        ["--service-id"] = nameof(WorbOptions.ServiceId),
        ["--advertised-ip"] = nameof(WorbOptions.AdvertisedIp),
    };

    /// <summary>Flags that may stand alone (<c>--allow-remote-without-key</c>) and then mean "true".</summary>
    private static readonly string[] SwitchFlags = ["--allow-remote-without-key"];

    /// <summary>Builds the application; throws <see cref="WorbConfigurationException"/> for settings it can't run with.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables(prefix: "WORB_");
        builder.Configuration.AddCommandLine(CommandLineSwitches.Normalize(args, SwitchFlags), FlagMappings);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var options = new WorbOptions();
        try
        {
            builder.Configuration.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new WorbConfigurationException($"Invalid setting: {e.InnerException?.Message ?? e.Message}");
        }
        // WORB_API_KEY reads better than WORB_APIKEY; both work, and --api-key wins over either.
        options.ApiKey ??= builder.Configuration["API_KEY"];
        options.Data = Path.GetFullPath(ExpandHome(options.Data));
        Directory.CreateDirectory(options.Data);
        builder.Services.AddSingleton(Options.Create(options));
        var keys = new ApiKeyStore(Options.Create(options));
        BindPolicy.Check(options.Host, keys.Enabled, options.AllowRemoteWithoutKey);
        builder.Services.AddSingleton(keys);
        var clustering = ClusteringSettings.From(
            options, siloNameGiven: !string.IsNullOrEmpty(builder.Configuration[nameof(WorbOptions.SiloName)]));

        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes);

        builder.UseOrleans(silo =>
        {
            silo.UseWorbClustering(clustering, options.SiloPort, options.GatewayPort);
            // The silo's name is also its write-ahead log's name (wal/<name>), so a restart finds its log again.
            silo.Configure<SiloOptions>(silo => silo.SiloName = options.SiloName);
        });
        builder.Services.AddWorbGrainServices();
        builder.Services.AddWorbApi();

        var app = builder.Build();
        app.UseWorbSecurity();
        app.MapWorbApi();
        app.MapDashboardUi();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddress(app, options));
        return app;
    }

    /// <summary>The one line a user needs: where the server is, where its data is, and what to export.</summary>
    private static void AnnounceAddress(WebApplication app, WorbOptions options)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{options.Host}:{options.Port}";
        Console.WriteLine($"Worb listening on {address} (data: {options.Data}) — export WANDB_BASE_URL={address}");
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}
