using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Worb.Api.GraphQL.Execution;

/// <summary>Maps the GraphQL endpoint the wandb clients talk to.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    private const string JsonContentType = "application/json";

    /// <summary>
    /// Maps <c>POST /graphql</c>. Every executed document is answered with HTTP 200 and <c>application/json</c>,
    /// GraphQL errors included (the clients fail on any other status); only an unusable body gets HTTP 400.
    /// </summary>
    public static IEndpointRouteBuilder MapWorbGraphQL(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/graphql", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var cancellationToken = context.RequestAborted;
        var serializer = services.GetRequiredService<IGraphQLSerializer>();
        var reader = services.GetRequiredService<GraphQLHttpRequestReader>();

        var read = await reader.ReadAsync(context.Request.Body, cancellationToken).ConfigureAwait(false);
        if (read.Request is null)
        {
            var reason = read.Error ?? "Bad request.";
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLEndpointRouteBuilderExtensions).FullName!);
            GraphQLLog.BadRequest(logger, reason);
            await WriteAsync(context, serializer, StatusCodes.Status400BadRequest, new ExecutionResult(new ExecutionError(reason)))
                .ConfigureAwait(false);
            return;
        }

        var executor = services.GetRequiredService<WorbGraphQLExecutor>();
        var schema = services.GetRequiredService<ISchema>();
        var result = await executor.ExecuteAsync(read.Request, schema, services, context.User, cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, serializer, StatusCodes.Status200OK, result).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, IGraphQLSerializer serializer, int statusCode, ExecutionResult result)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        return serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
