using Microsoft.Extensions.Options;
using Worb.Grains;

namespace Worb.Host;

/// <summary>Builds the Worb web application: configuration, the co-hosted Orleans silo and the HTTP surfaces.</summary>
public static class WorbApp
{
    /// <summary>Command-line flags and the configuration keys they set.</summary>
    private static readonly Dictionary<string, string> FlagMappings = new(StringComparer.Ordinal)
    {
        ["--host"] = nameof(WorbOptions.Host),
        ["--port"] = nameof(WorbOptions.Port),
        ["--data"] = nameof(WorbOptions.Data),
        ["--entity"] = nameof(WorbOptions.Entity),
        ["--max-body-bytes"] = nameof(WorbOptions.MaxBodyBytes),
        ["--flush-interval-ms"] = nameof(WorbOptions.FlushIntervalMs),
        ["--flush-max-rows"] = nameof(WorbOptions.FlushMaxRows),
        ["--wal-compact-bytes"] = nameof(WorbOptions.WalCompactBytes),
        ["--heartbeat-timeout-seconds"] = nameof(WorbOptions.HeartbeatTimeoutSeconds),
        ["--silo-port"] = nameof(WorbOptions.SiloPort),
        ["--gateway-port"] = nameof(WorbOptions.GatewayPort),
    };

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables(prefix: "WORB_");
        builder.Configuration.AddCommandLine(args, FlagMappings);

        var options = new WorbOptions();
        builder.Configuration.Bind(options);
        options.Data = Path.GetFullPath(ExpandHome(options.Data));
        builder.Services.AddSingleton(Options.Create(options));

        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");

        var app = builder.Build();
        app.MapGet("/", () => Results.Content(PlaceholderPage, "text/html; charset=utf-8"));
        return app;
    }

    private const string PlaceholderPage =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Worb</title></head>" +
        "<body><h1>Worb</h1><p>Experiment tracking server. Point the wandb client here with WANDB_BASE_URL.</p></body></html>";

    private static string ExpandHome(string path) =>
        path.StartsWith('~')
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}
