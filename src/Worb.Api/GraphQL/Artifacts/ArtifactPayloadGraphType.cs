using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>A mutation payload holding one <c>artifact</c>.</summary>
public abstract class ArtifactPayloadGraphType : ObjectGraphType<ArtifactPayload>
{
    protected ArtifactPayloadGraphType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ArtifactGraphType>>("artifact").Resolve(c => c.Source.Artifact);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}

public sealed class CreateArtifactPayloadGraphType() : ArtifactPayloadGraphType("CreateArtifactPayload");

public sealed class CommitArtifactPayloadGraphType() : ArtifactPayloadGraphType("CommitArtifactPayload");

public sealed class UseArtifactPayloadGraphType() : ArtifactPayloadGraphType("UseArtifactPayload");
