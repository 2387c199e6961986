using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactManifestTypeGraphType : EnumerationGraphType
{
    public ArtifactManifestTypeGraphType()
    {
        Name = "ArtifactManifestType";
        Add("FULL", "FULL");
        Add("INCREMENTAL", "INCREMENTAL");
        Add("PATCH", "PATCH");
    }
}
