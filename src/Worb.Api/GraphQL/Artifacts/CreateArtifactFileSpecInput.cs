namespace Worb.Api.GraphQL.Artifacts;

public sealed class CreateArtifactFileSpecInput
{
    public string? ArtifactID { get; set; }
    public string? Name { get; set; }
    public string? Md5 { get; set; }
    public string? Mimetype { get; set; }
    public string? ArtifactManifestID { get; set; }
    public List<UploadPartsInput>? UploadPartsInput { get; set; }
}
