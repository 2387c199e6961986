using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Worb.Api.Artifacts;
using Worb.Api.Files;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

public static class ArtifactGraphQLServiceCollectionExtensions
{
    /// <summary>The artifact handlers, field contributions and the services they use (graph types are found by the schema scan).</summary>
    public static IServiceCollection AddArtifactGraphQL(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<Security.ServerSecret>(); // UploadTokens signs with it
        services.TryAddSingleton<UploadTokens>();
        services.TryAddSingleton<ArtifactReader>();
        services.TryAddSingleton<ArtifactWriter>();
        services.TryAddSingleton<Grains.Storage.BlobStore>();
        services.TryAddSingleton<ArtifactTokens>();
        services.TryAddSingleton<ArtifactLinks>();
        services.TryAddSingleton<CreateArtifactHandler>();
        services.TryAddSingleton<CreateArtifactManifestHandler>();
        services.TryAddSingleton<CreateArtifactFilesHandler>();
        services.TryAddSingleton<CommitArtifactHandler>();
        services.TryAddSingleton<UseArtifactHandler>();
        services.TryAddSingleton<ArtifactMutationFields>();
        services.TryAddSingleton<ArtifactQueryFields>();
        services.TryAddSingleton<ArtifactProjectFields>();
        services.TryAddSingleton<ArtifactRunFields>();
        return services;
    }
}
