using System.Text.Json.Serialization;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Worb.Api.GraphQL.Execution;

/// <summary>Registers the services behind <c>POST /graphql</c>.</summary>
public static class GraphQLExecutionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the document executer, the System.Text.Json GraphQL serializer and the Worb executor with its
    /// leniency pass. The schema itself (<see cref="global::GraphQL.Types.ISchema"/>) is registered elsewhere.
    /// </summary>
    /// <remarks>
    /// Extra <see cref="JsonConverter"/>s for the response serializer: register them as singletons of the
    /// <see cref="JsonConverter"/> service type, e.g. <c>services.AddSingleton&lt;JsonConverter, RawJsonConverter&gt;()</c>;
    /// every registered instance is added to the serializer's options when it is first resolved.
    /// </remarks>
    public static IServiceCollection AddWorbGraphQLExecution(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton<IDocumentExecuter>(_ => new DocumentExecuter());
        services.TryAddSingleton(provider =>
        {
            var converters = provider.GetServices<JsonConverter>().ToArray();
            return new GraphQLSerializer(options =>
            {
                foreach (var converter in converters)
                {
                    options.Converters.Add(converter);
                }
            });
        });
        services.TryAddSingleton<IGraphQLTextSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());
        services.TryAddSingleton<IGraphQLSerializer>(provider => provider.GetRequiredService<GraphQLSerializer>());
        services.TryAddSingleton<LenientDocumentRewriter>();
        services.TryAddSingleton<GraphQLHttpRequestReader>();
        services.TryAddSingleton(provider => new WorbGraphQLExecutor(
            provider.GetRequiredService<IDocumentExecuter>(),
            provider.GetRequiredService<LenientDocumentRewriter>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WorbGraphQLExecutor>>()));
        return services;
    }
}
