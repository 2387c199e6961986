using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.Artifacts;

/// <summary>An artifact that is never committed is removed after <c>--pending-artifact-timeout-seconds</c>; committed ones stay.</summary>
public sealed class PendingArtifactCleanupTests
{
    private const string ArtifactState = "query ArtifactState($id: ID!) { artifact(id: $id) { id state } }";

    [Fact]
    public async Task Pending_artifacts_are_cleaned_up_after_the_timeout_and_committed_ones_are_kept()
    {
        await using var host = await WorbHostProcess.StartAsync(["--pending-artifact-timeout-seconds", "1"]);
        var run = new ClientSession(host, "cleanup", ClientSession.NewRunId());
        await run.CreateRunAsync();
        var sdk = new ArtifactSdk(host);
        var committed = await sdk.LogAsync(run, "kept", "dataset", new Dictionary<string, byte[]> { ["k"] = Encoding.UTF8.GetBytes("k") }, ["latest"]);
        var pending = await sdk.LogAsync(run, "abandoned", "dataset", new Dictionary<string, byte[]> { ["p"] = Encoding.UTF8.GetBytes("p") }, ["latest"], commit: false);
        Assert.Equal("PENDING", (await StateAsync(sdk, pending.Id))!["state"]!.GetValue<string>());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await StateAsync(sdk, pending.Id) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pending artifact was not cleaned up within 30 s");
            await Task.Delay(250);
        }
        Assert.Equal("COMMITTED", (await StateAsync(sdk, committed.Id))!["state"]!.GetValue<string>());
    }

    private static async Task<JsonNode?> StateAsync(ArtifactSdk sdk, string id) =>
        (await sdk.GraphQl.QueryAsync(ArtifactState, new JsonObject { ["id"] = id }))["artifact"];
}
