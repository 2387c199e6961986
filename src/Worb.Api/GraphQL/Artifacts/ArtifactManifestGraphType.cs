using GraphQL.Types;
using Worb.Api.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>ArtifactManifest</c>: the <c>wandb_manifest.json</c> of an artifact, uploaded by the client.</summary>
public sealed class ArtifactManifestGraphType : ObjectGraphType<ArtifactManifestNode>
{
    public ArtifactManifestGraphType(ArtifactLinks links)
    {
        Name = "ArtifactManifest";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => ArtifactGraphIds.Manifest(c.Source.Artifact.Id));
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(_ => "FULL");
        Field<NonNullGraphType<ArtifactGraphType>>("artifact").Resolve(c => c.Source.Artifact);
        Field<NonNullGraphType<ArtifactFileGraphType>>("file").Resolve(c => c.Source.File(links));
    }
}
