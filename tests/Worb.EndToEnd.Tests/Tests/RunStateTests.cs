using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>A run whose client never sent <c>complete</c> is shown as running, with everything it did send.</summary>
public sealed class RunStateTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Run_without_final_message_is_running()
    {
        var recording = await TrafficRecording.LoadAsync("01_basic");
        var final = recording.Records.Last(r => r.IsFileStream && r.Body?["complete"]?.GetValue<bool>() == true);
        bool Include(TrafficRecord r) => r.Seq != final.Seq;

        var log = await new TrafficReplayer(fixture.Host).ReplayAsync(recording, new ReplayOptions { Include = Include });
        var expected = RecordingExpectations.Compute(recording, Include).Single();

        Assert.Equal("running", expected.ExpectedState);
        await RunExpectations.AssertRunAsync(new PublicApi(fixture.Host), log.Entity!, expected, log);
    }
}
