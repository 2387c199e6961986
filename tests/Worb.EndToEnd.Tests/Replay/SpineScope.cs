namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// Which recorded requests are replayed. Reference data of the recording server (<c>/refdata/*</c>, the target of
/// an artifact's http reference) is not Worb's to serve, and GETs of the recording server's own run-file download
/// paths are tested through the <c>url</c> of <c>RunFiles</c> nodes instead. Artifact uploads and downloads are
/// replayed on the URLs the server handed out.
/// </summary>
public static class SpineScope
{
    /// <summary>Null when the request is replayed, else why it is skipped.</summary>
    public static string? SkipReason(TrafficRecord record)
    {
        if (record.Path.StartsWith("/refdata/", StringComparison.Ordinal))
        {
            return "reference data of the recording server";
        }
        if (record.Method == "GET" && !record.IsArtifactTransfer)
        {
            return "a download from the recording server's own URL layout";
        }
        return null;
    }
}
