using GraphQL.Types;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>CreateArtifactInput</c>. The SDK probes its field names (<c>ProbeServerCreateArtifactInput</c>) and sends
/// <c>clientID</c>, <c>sequenceClientID</c>, <c>enableDigestDeduplication</c>, <c>ttlDurationSeconds</c> and
/// <c>historyStep</c> only when they are listed.
/// </summary>
public sealed class CreateArtifactInputGraphType : InputObjectGraphType<CreateArtifactInput>
{
    public CreateArtifactInputGraphType()
    {
        Name = "CreateArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("artifactTypeName");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("artifactCollectionNames");
        Field<StringGraphType>("artifactCollectionName");
        Field<NonNullGraphType<StringGraphType>>("entityName");
        Field<NonNullGraphType<StringGraphType>>("projectName");
        Field<StringGraphType>("runName");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<StringGraphType>>("digest");
        Field<ArtifactDigestAlgorithmGraphType>("digestAlgorithm");
        Field<JsonStringGraphType>("labels");
        Field<ListGraphType<NonNullGraphType<ArtifactAliasInputGraphType>>>("aliases");
        Field<JsonStringGraphType>("metadata");
        Field<IdGraphType>("clientID");
        Field<IdGraphType>("sequenceClientID");
        Field<BooleanGraphType>("enableDigestDeduplication");
        Field<Int64GraphType>("historyStep");
        Field<StringGraphType>("distributedID");
        Field<Int64GraphType>("ttlDurationSeconds");
        Field<StringGraphType>("clientMutationId");
    }
}
