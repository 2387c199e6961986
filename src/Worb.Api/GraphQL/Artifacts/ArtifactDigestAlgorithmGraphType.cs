using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class ArtifactDigestAlgorithmGraphType : EnumerationGraphType
{
    public ArtifactDigestAlgorithmGraphType()
    {
        Name = "ArtifactDigestAlgorithm";
        Add("MANIFEST_MD5", "MANIFEST_MD5");
    }
}
