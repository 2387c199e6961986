using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Worb.Api.Dashboard;
using Worb.Api.Files;
using Worb.Api.FileStream;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Execution;

namespace Worb.Api;

public static class WorbApiExtensions
{
    /// <summary>Registers the services of Worb's HTTP surfaces.</summary>
    public static IServiceCollection AddWorbApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<UploadTokens>();
        services.AddSingleton<RunFileLinks>();
        services.AddWorbGraphQLExecution();
        services.AddWorbGraphQLSchema();
        services.AddDashboardApi();
        return services;
    }

    /// <summary>Maps every HTTP endpoint: the wandb protocol (GraphQL, file_stream, files) and the dashboard's <c>/api/</c>.</summary>
    public static IEndpointRouteBuilder MapWorbApi(this IEndpointRouteBuilder app)
    {
        app.MapWorbGraphQL();
        app.MapFileStream();
        app.MapRunFiles();
        app.MapDashboardApi();
        return app;
    }
}
