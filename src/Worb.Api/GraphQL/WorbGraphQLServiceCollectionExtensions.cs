using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Worb.Api.Files;
using Worb.Api.GraphQL.Artifacts;
using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Files;
using Worb.Api.GraphQL.History;
using Worb.Api.GraphQL.Mutations;
using Worb.Api.GraphQL.Runs;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL;

public static class WorbGraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorbSchema"/> (also as <see cref="ISchema"/>), its graph types and the readers and
    /// handlers its resolvers use. Expects <c>IGrainFactory</c> from Orleans and <see cref="IStoreBarrier"/> from
    /// the grain services; adds <see cref="WorbDatabase"/>, <see cref="TimeProvider"/>, the HTTP context accessor and
    /// <see cref="IRunFileUrls"/> (which needs <see cref="RunFileLinks"/>) unless registered already.
    /// </summary>
    public static IServiceCollection AddWorbGraphQLSchema(this IServiceCollection services)
    {
        services.AddOptions<WorbOptions>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorbDatabase>();
        services.TryAddSingleton<IRunFileUrls, HttpRunFileUrls>();

        services.TryAddSingleton<RunNaming>();
        services.TryAddSingleton<RunStateView>();
        services.TryAddSingleton<MimeTypes>();
        services.TryAddSingleton<ProjectReader>();
        services.TryAddSingleton<RunReader>();
        services.TryAddSingleton<HistoryLineReader>();
        services.TryAddSingleton<HistoryKeyReader>();
        services.TryAddSingleton<HistoryStepReader>();
        services.TryAddSingleton<EventsLineReader>();
        services.TryAddSingleton<RunFileReader>();
        services.TryAddSingleton<AlertReader>();
        services.TryAddSingleton<HistoryQueries>();
        services.TryAddSingleton<RunQueries>();
        services.TryAddSingleton<RunLoader>();
        services.TryAddSingleton<RunRefResolver>();
        services.TryAddSingleton<UpsertBucketHandler>();
        services.TryAddSingleton<CreateRunFilesHandler>();
        services.TryAddSingleton<RunAlertHandler>();
        services.TryAddSingleton<StopRunHandler>();
        services.AddArtifactGraphQL();

        var graphTypes = typeof(WorbSchema).Assembly.GetTypes().Where(t =>
            t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && typeof(IGraphType).IsAssignableFrom(t)
            && t.Namespace?.StartsWith("Worb.Api.GraphQL", StringComparison.Ordinal) == true);
        foreach (var type in graphTypes)
        {
            services.TryAddSingleton(type);
        }

        // Lets the serializer write pre-rendered JSON (NaN, huge integers) as it was logged.
        services.AddSingleton<System.Text.Json.Serialization.JsonConverter, Scalars.RawJsonConverter>();
        services.TryAddSingleton<WorbSchema>();
        services.TryAddSingleton<ISchema>(sp => sp.GetRequiredService<WorbSchema>());
        return services;
    }
}
