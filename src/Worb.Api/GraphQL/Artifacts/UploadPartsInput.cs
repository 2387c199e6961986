namespace Worb.Api.GraphQL.Artifacts;

/// <summary>One part of a multipart upload the client offers (Worb answers with a single upload URL instead).</summary>
public sealed class UploadPartsInput
{
    public long PartNumber { get; set; }
    public string? HexMD5 { get; set; }
}
