using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Worb.Grains.Diagnostics;

namespace Worb.Api.Metrics;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format (OpenTelemetry's exporter): Worb's own instruments
/// (<see cref="WorbMetrics"/>: ingest, store batches, write-ahead log backlog, live runs) and ASP.NET Core's HTTP
/// request counts and durations. Measurements are aggregated in memory and formatted only when scraped.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddWorbMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WorbMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel")
            // A scrape shows the values of that moment (the benchmark polls the WAL backlog).
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapWorbMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
