using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>CreateArtifactFileSpecInput</c>; its field names are probed (<c>ProbeServerCreateArtifactFileSpecInput</c>).</summary>
public sealed class CreateArtifactFileSpecInputGraphType : InputObjectGraphType<CreateArtifactFileSpecInput>
{
    public CreateArtifactFileSpecInputGraphType()
    {
        Name = "CreateArtifactFileSpecInput";
        Field<NonNullGraphType<IdGraphType>>("artifactID");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("md5");
        Field<StringGraphType>("mimetype");
        Field<IdGraphType>("artifactManifestID");
        Field<ListGraphType<NonNullGraphType<UploadPartsInputGraphType>>>("uploadPartsInput");
    }
}
