using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Worb.Api.Artifacts;
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
        services.AddHostedService<PendingArtifactCleanupService>();
        services.AddWorbMetricsExport();
        return services;
    }

    /// <summary>Maps every HTTP endpoint: the wandb protocol (GraphQL, file_stream, files) the login page and the placeholder home page.</summary>
    public static IEndpointRouteBuilder MapWorbApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(PlaceholderPage, "text/html; charset=utf-8"));
        app.MapLogin();
        app.MapWorbGraphQL();
        app.MapFileStream();
        app.MapRunFiles();
        app.MapArtifactFiles();
        app.MapArtifactRestApi();
        app.MapHistoryBuckets();
        app.MapWorbMetrics();
        return app;
    }

    private const string PlaceholderPage =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Worb</title></head>" +
        "<body><h1>Worb</h1><p>Experiment tracking server. Point the wandb client here with WANDB_BASE_URL.</p></body></html>";
}
