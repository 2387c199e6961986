using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactManifestPayloadGraphType : ObjectGraphType<ArtifactManifestNode>
{
    public CreateArtifactManifestPayloadGraphType()
    {
        Name = "CreateArtifactManifestPayload";
        Field<NonNullGraphType<ArtifactManifestGraphType>>("artifactManifest").Resolve(c => c.Source);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}
