namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// Which recorded requests belong to what Worb implements (runs, history, files). Artifacts (PROTOCOL.md §10),
/// their storage and reference data are out of scope, and so are GETs of the recording server's own download paths
/// (downloads are tested through the <c>url</c> of <c>RunFiles</c> nodes instead).
/// </summary>
public static class SpineScope
{
    /// <summary>Null when the request is replayed, else why it is skipped.</summary>
    public static string? SkipReason(TrafficRecord record)
    {
        if (record.Path.StartsWith("/artifact", StringComparison.Ordinal))
        {
            return "artifact storage is not part of the spine";
        }
        if (record.Path.StartsWith("/refdata/", StringComparison.Ordinal))
        {
            return "reference data of the recording server";
        }
        if (record.IsGraphQl && (record.OperationName ?? "").Contains("Artifact", StringComparison.Ordinal))
        {
            return "artifact GraphQL operations are not part of the spine";
        }
        if (record.Method == "GET")
        {
            return "a download from the recording server's own URL layout";
        }
        return null;
    }
}
