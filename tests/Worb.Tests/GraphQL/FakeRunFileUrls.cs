using Worb.Api.GraphQL.Files;
using Worb.Grains.Interfaces;

namespace Worb.Tests.GraphQL;

/// <summary>Predictable file URLs (the real ones need an HTTP request and signing keys).</summary>
internal sealed class FakeRunFileUrls : IRunFileUrls
{
    public string UploadUrl(long runId, string fileName) => $"http://worb.test/upload/{runId}/{fileName}";

    public string DownloadUrl(RunKey run, string fileName) => $"http://worb.test/files/{run.GrainKey}/{fileName}";
}
