using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Json;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>
/// Checks what a user sees of a run through the public API (the queries of <c>wandb.Api()</c>) against what the
/// recording's requests sent.
/// </summary>
public static class RunExpectations
{
    public static async Task AssertRunAsync(PublicApi api, string entity, ExpectedRun expected, ReplayLog? log, CancellationToken cancellationToken = default)
    {
        var run = await api.RunAsync(entity, expected.Project, expected.Name, cancellationToken);
        Assert.True(run is not null, $"{expected}: the Run query found no run");

        Assert.Equal(expected.Name, Text(run["name"]));
        if (expected.DisplayName is not null)
        {
            Assert.Equal(expected.DisplayName, Text(run["displayName"]));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(Text(run["displayName"])), $"{expected}: displayName is empty");
        }
        Assert.True(expected.ExpectedState == Text(run["state"]), $"{expected}: state {Text(run["state"])}, expected {expected.ExpectedState}");
        Assert.Equal(expected.Tags ?? [], (run["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList());
        AssertOptionalText(expected.Notes, run["notes"], $"{expected}: notes");
        AssertOptionalText(expected.Group, run["group"], $"{expected}: group");
        AssertOptionalText(expected.JobType, run["jobType"], $"{expected}: jobType");

        if (expected.ConfigJson is not null)
        {
            var actualConfig = Text(run["config"]);
            Assert.True(actualConfig is not null, $"{expected}: config is null");
            AssertSame(RunConfig.Plain(expected.ConfigJson), RunConfig.Plain(actualConfig), $"{expected}: config");
        }

        AssertSummary(expected, Text(run["summaryMetrics"]));
        AssertSystemMetrics(expected, Text(run["systemMetrics"]));
        Assert.Equal(expected.HistoryLines.Count, run["historyLineCount"]?.GetValue<long>());

        await AssertHistoryAsync(api, entity, expected, cancellationToken);
        await AssertResumeCountersAsync(api, entity, expected, cancellationToken);
        if (log is not null)
        {
            await AssertUploadsAsync(api, entity, expected, log, cancellationToken);
        }
    }

    public static void AssertSummary(ExpectedRun expected, string? actualSummary)
    {
        if (expected.SummaryLine is null)
        {
            Assert.True(actualSummary is null || LenientJson.ParseObject(actualSummary).Members.Count == 0,
                $"{expected}: no summary was sent but summaryMetrics is {actualSummary}");
            return;
        }
        Assert.True(actualSummary is not null, $"{expected}: summaryMetrics is null");
        AssertSame(LenientJson.Parse(expected.SummaryLine), LenientJson.Parse(actualSummary), $"{expected}: summary");
    }

    /// <summary>systemMetrics = the last wandb-events.jsonl line (its system.* values; the _ keys may be left out).</summary>
    public static void AssertSystemMetrics(ExpectedRun expected, string? actual)
    {
        var parsed = actual is null ? new LenientObject([]) : LenientJson.ParseObject(actual);
        if (expected.EventsLines.Count == 0)
        {
            Assert.True(parsed.Members.Count == 0, $"{expected}: no events were sent but systemMetrics is {actual}");
            return;
        }
        var last = LenientJson.ParseObject(expected.EventsLines.Last().Value);
        foreach (var key in last.Keys.Where(k => !k.StartsWith('_')))
        {
            Assert.True(parsed.TryGet(key, out var value), $"{expected}: systemMetrics lacks {key}");
            AssertSame(last[key]!, value, $"{expected}: systemMetrics.{key}");
        }
        foreach (var key in parsed.Keys)
        {
            Assert.True(last.TryGet(key, out var value), $"{expected}: systemMetrics has {key}, which the last events line lacks");
            AssertSame(value, parsed[key]!, $"{expected}: systemMetrics.{key}");
        }
    }

    public static async Task AssertHistoryAsync(PublicApi api, string entity, ExpectedRun expected, CancellationToken cancellationToken)
    {
        var expectedLines = expected.HistoryLines.Values.ToList();

        // scan_history(): every line exactly as sent, once, in step order.
        var scanned = await api.ScanHistoryAsync(entity, expected.Project, expected.Name, cancellationToken: cancellationToken);
        AssertLines(expectedLines, scanned, $"{expected}: HistoryPage");

        // history(): all lines when samples covers them.
        var full = await api.FullHistoryAsync(entity, expected.Project, expected.Name, Math.Max(500, expectedLines.Count), cancellationToken);
        AssertLines(expectedLines, full, $"{expected}: RunFullHistory");

        var parsedLines = expectedLines.Select(LenientJson.ParseObject).ToList();
        var keys = await api.HistoryKeysAsync(entity, expected.Project, expected.Name, cancellationToken);
        if (parsedLines.Count > 0)
        {
            var lastStep = parsedLines.Max(l => ((LenientNumber)l["_step"]!).AsBigInteger());
            Assert.Equal((long)lastStep, keys["lastStep"]?.GetValue<long>());
            var keyObject = keys["keys"] as JsonObject ?? [];
            foreach (var key in parsedLines.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal))
            {
                Assert.True(keyObject.ContainsKey(key), $"{expected}: historyKeys lacks '{key}'");
            }

            // scan_history(keys=[k]) for a key whose values all survive plain JSON (no NaN/Infinity).
            var sampledKey = parsedLines.SelectMany(l => l.Keys)
                .Distinct(StringComparer.Ordinal)
                .Where(k => !k.StartsWith('_'))
                .FirstOrDefault(k => parsedLines.All(l => l[k] is null or LenientNumber { Text: not ("NaN" or "Infinity" or "-Infinity") } or LenientString or LenientBool));
            if (sampledKey is not null)
            {
                var withKey = parsedLines.Where(l => l[sampledKey] is not null and not LenientNull).ToList();
                var rows = await api.SampledHistoryPageAsync(entity, expected.Project, expected.Name, [sampledKey], 0, (long)lastStep + 1, Math.Max(1000, parsedLines.Count), cancellationToken);
                Assert.True(withKey.Count == rows.Count, $"{expected}: SampledHistoryPage({sampledKey}) returned {rows.Count} rows, expected {withKey.Count}");
                for (var i = 0; i < rows.Count; i++)
                {
                    Assert.True(rows[i].ContainsKey(sampledKey), $"{expected}: sampled row {i} lacks {sampledKey}");
                    AssertSame(withKey[i][sampledKey]!, LenientJson.Parse(rows[i][sampledKey]?.ToJsonString() ?? "null"), $"{expected}: sampled {sampledKey}[{i}]");
                }
            }
        }
    }

    /// <summary>RunResumeStatus counters: lines stored per stream, and the tails.</summary>
    public static async Task AssertResumeCountersAsync(PublicApi api, string entity, ExpectedRun expected, CancellationToken cancellationToken)
    {
        var bucket = await api.ResumeStatusAsync(entity, expected.Project, expected.Name, cancellationToken);
        Assert.True(bucket is not null, $"{expected}: RunResumeStatus found no bucket");
        Assert.Equal(expected.HistoryLines.Count, bucket["historyLineCount"]?.GetValue<long>());
        Assert.Equal(expected.EventsLines.Count, bucket["eventsLineCount"]?.GetValue<long>());
        Assert.Equal(expected.OutputLines.Count, bucket["logLineCount"]?.GetValue<long>());
        if (expected.HistoryLines.Count > 0)
        {
            var tail = JsonNode.Parse(Text(bucket["historyTail"]) ?? "[]") as JsonArray ?? [];
            Assert.True(tail.Count > 0, $"{expected}: historyTail is empty");
            Assert.Equal(expected.HistoryLines.Last().Value, tail[^1]?.GetValue<string>());
        }
        if (expected.EventsLines.Count > 0)
        {
            var tail = JsonNode.Parse(Text(bucket["eventsTail"]) ?? "[]") as JsonArray ?? [];
            Assert.True(tail.Count > 0, $"{expected}: eventsTail is empty");
            Assert.Equal(expected.EventsLines.Last().Value, tail[^1]?.GetValue<string>());
        }
    }

    /// <summary>Every uploaded file is listed by RunFiles and downloads byte for byte as PUT.</summary>
    public static async Task AssertUploadsAsync(PublicApi api, string entity, ExpectedRun expected, ReplayLog log, CancellationToken cancellationToken)
    {
        var uploads = log.Uploads.Where(u => u.Key.Run == expected.Name).ToList();
        var files = await api.FilesAsync(entity, expected.Project, expected.Name, cancellationToken);
        foreach (var ((_, fileName), bytes) in uploads)
        {
            var node = files.FirstOrDefault(f => Text(f["name"]) == fileName);
            Assert.True(node is not null, $"{expected}: RunFiles does not list {fileName} (has {string.Join(", ", files.Select(f => Text(f["name"])))})");
            var url = Text(node["url"]);
            Assert.False(string.IsNullOrEmpty(url), $"{expected}: {fileName} has no url");
            var downloaded = await api.DownloadAsync(url, cancellationToken);
            Assert.True(bytes.AsSpan().SequenceEqual(downloaded),
                $"{expected}: {fileName} downloaded {downloaded.Length} bytes that differ from the {bytes.Length} bytes uploaded " +
                $"(start: {Encoding.UTF8.GetString(downloaded.AsSpan(0, Math.Min(80, downloaded.Length)))})");
            if (node["sizeBytes"] is JsonValue size)
            {
                Assert.Equal(bytes.Length, size.GetValue<long>());
            }
        }
    }

    public static void AssertLines(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        if (expected.Count != actual.Count)
        {
            Assert.Fail($"{what}: {actual.Count} lines, expected {expected.Count}");
        }
        for (var i = 0; i < expected.Count; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                Assert.Fail($"{what}: line {i} differs.\nexpected: {Shorten(expected[i])}\nactual:   {Shorten(actual[i])}");
            }
        }
    }

    public static void AssertSame(LenientValue expected, LenientValue actual, string what)
    {
        var difference = LenientComparer.FindDifference(expected, actual);
        Assert.True(difference is null, $"{what}: {difference}");
    }

    private static void AssertOptionalText(string? expected, JsonNode? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(string.IsNullOrEmpty(Text(actual)), $"{what}: expected none, got '{Text(actual)}'");
        }
        else
        {
            Assert.True(expected == Text(actual), $"{what}: expected '{expected}', got '{Text(actual)}'");
        }
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
