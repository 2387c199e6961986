using GraphQL;
using GraphQL.Types;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// Root query fields for artifacts: <c>artifact(id)</c> (null for an id that names no artifact) and
/// <c>clientIDMapping(clientID)</c>, which resolves the client's ids of <c>wandb-client-artifact://</c> paths.
/// </summary>
public sealed class ArtifactQueryFields(ArtifactReader reader)
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<ArtifactGraphType>("artifact")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await reader.GetAsync(ArtifactIdArgument.Parse(c.GetArgument<string>("id"), "id"), c.CancellationToken));
        query.Field<ClientIdMappingGraphType>("clientIDMapping")
            .Argument<NonNullGraphType<IdGraphType>>("clientID")
            .ResolveAsync(async c =>
            {
                var clientId = c.GetArgument<string>("clientID");
                if (await reader.FindByClientIdAsync(clientId, c.CancellationToken) is { } artifact)
                {
                    return ArtifactGraphIds.Artifact(artifact.Id);
                }
                return await reader.FindCollectionByClientIdAsync(clientId, c.CancellationToken) is { } collection
                    ? ArtifactGraphIds.Collection(collection.Id)
                    : null;
            });
    }
}
