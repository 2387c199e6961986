using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Worb.Api.Artifacts;
using Worb.Api.Dashboard;
using Worb.Api.Files;
using Worb.Api.FileStream;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Execution;
using Worb.Api.Security;
using Worb.Api.History;
using Worb.Api.Metrics;

namespace Worb.Api;

public static class WorbApiExtensions
{
    /// <summary>Registers the services of Worb's HTTP surfaces.</summary>
    public static IServiceCollection AddWorbApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddWorbSecurity();
        services.AddSingleton<UploadTokens>();
        services.AddSingleton<RunFileLinks>();
        services.AddWorbGraphQLExecution();
        services.AddWorbGraphQLSchema();
        services.AddDashboardApi();
        services.AddHostedService<PendingArtifactCleanupService>();
        services.AddWorbMetricsExport();
        return services;
    }

    /// <summary>Maps every HTTP endpoint: the wandb protocol (GraphQL, file_stream, files), the login page, artifacts and the dashboard's <c>/api/</c>.</summary>
    public static IEndpointRouteBuilder MapWorbApi(this IEndpointRouteBuilder app)
    {
        app.MapLogin();
        app.MapWorbGraphQL();
        app.MapFileStream();
        app.MapRunFiles();
        app.MapArtifactFiles();
        app.MapArtifactRestApi();
        app.MapHistoryBuckets();
        app.MapWorbMetrics();
        app.MapDashboardApi();
        return app;
    }
}
