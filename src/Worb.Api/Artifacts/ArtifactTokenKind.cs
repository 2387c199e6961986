namespace Worb.Api.Artifacts;

/// <summary>What a signed artifact URL grants.</summary>
public enum ArtifactTokenKind : byte
{
    /// <summary>One PUT of an announced file of a pending artifact.</summary>
    FileUpload = 1,

    /// <summary>One PUT of a pending artifact's manifest.</summary>
    ManifestUpload = 2,

    /// <summary>GETs of one stored blob (an artifact file or manifest).</summary>
    Download = 3,
}
