using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactStorageLayoutGraphType : EnumerationGraphType
{
    public ArtifactStorageLayoutGraphType()
    {
        Name = "ArtifactStorageLayout";
        Add("V1", "V1");
        Add("V2", "V2");
    }
}
