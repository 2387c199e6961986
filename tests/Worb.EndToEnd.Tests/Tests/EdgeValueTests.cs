using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Json;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>08_edge_values: NaN, ±Infinity, integers beyond 64 bits, unicode keys come back exactly as sent.</summary>
public sealed class EdgeValueTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    private static readonly string[] Tokens = ["NaN", "Infinity", "-Infinity", "18446744073709551617", "9223372036854775807", "-0.0", "5e-324"];

    [Fact]
    public async Task Special_numbers_survive_history_and_summary()
    {
        var recording = await TrafficRecording.LoadAsync("08_edge_values");
        var log = await new TrafficReplayer(fixture.Host).ReplayAsync(recording);
        var api = new PublicApi(fixture.Host);
        var runs = RecordingExpectations.Compute(recording);

        var checkedTokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expected in runs)
        {
            var lines = await api.ScanHistoryAsync(log.Entity!, expected.Project, expected.Name);
            foreach (var sent in expected.HistoryLines.Values)
            {
                foreach (var token in Tokens.Where(t => sent.Contains(t, StringComparison.Ordinal)))
                {
                    checkedTokens.Add(token);
                    Assert.Contains(sent, lines);
                }
            }

            // Summary values that a float64 or int64 store would change must come back unchanged.
            if (expected.SummaryLine is null)
            {
                continue;
            }
            var sentSummary = LenientJson.ParseObject(expected.SummaryLine);
            var run = await api.RunAsync(log.Entity!, expected.Project, expected.Name);
            var storedSummary = LenientJson.ParseObject(RunExpectations.Text(run!["summaryMetrics"]) ?? "{}");
            foreach (var key in sentSummary.Keys.Where(k => sentSummary[k] is LenientNumber n && (n.IsNaN || n.Text.Contains("Infinity") || (n.IsIntegerLiteral && n.Text.TrimStart('-').Length >= 16))))
            {
                Assert.True(storedSummary.TryGet(key, out var stored), $"{expected}: summary lacks {key}");
                RunExpectations.AssertSame(sentSummary[key]!, stored, $"{expected}: summary.{key}");
            }
        }
        Assert.Contains("NaN", checkedTokens);
        Assert.Contains("Infinity", checkedTokens);
        Assert.Contains("18446744073709551617", checkedTokens);

        foreach (var expected in runs)
        {
            await RunExpectations.AssertRunAsync(api, log.Entity!, expected, log);
        }
    }
}
