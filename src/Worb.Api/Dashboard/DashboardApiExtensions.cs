using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Worb.Api.Dashboard;

/// <summary>Registers and maps the dashboard's REST API under <c>/api/</c>.</summary>
public static class DashboardApiExtensions
{
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.TryAddSingleton<DashboardRunLocator>();
        services.TryAddSingleton<DashboardProjectReader>();
        services.TryAddSingleton<HistoryBucketing>();
        services.TryAddSingleton<MetricAxisBucketing>();
        services.TryAddSingleton<Worb.Grains.Storage.Queries.HistoryBucketQuery>();
        services.TryAddSingleton<HistoryKeyCatalog>();
        services.TryAddSingleton<HistogramReader>();
        services.TryAddSingleton<SystemMetricsReader>();
        services.TryAddSingleton<ConsoleLogReader>();
        services.TryAddSingleton<SqlConsole>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapDashboardProjects();
        app.MapDashboardRuns();
        app.MapDashboardHistory();
        app.MapDashboardHistograms();
        app.MapDashboardSystemMetrics();
        app.MapDashboardLogs();
        app.MapDashboardFiles();
        app.MapDashboardSql();
        return app;
    }
}
