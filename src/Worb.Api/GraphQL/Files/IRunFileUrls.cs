using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Files;

/// <summary>The URLs handed out for run files, for the current request.</summary>
public interface IRunFileUrls
{
    /// <summary>A signed URL that accepts one PUT of the file.</summary>
    string UploadUrl(long runId, string fileName);

    /// <summary>Where the file can be downloaded.</summary>
    string DownloadUrl(RunKey run, string fileName);
}
