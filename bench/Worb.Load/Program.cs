using System.Diagnostics;
using Worb.Load;

// Worb's load benchmark: starts the Release build of Worb.Host, drives it like wandb clients, prints one table.
var options = LoadOptions.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15)); // bounded, whatever happens
var ct = stop.Token;
var hostDll = options.HostDll ?? await HostBuild.LocateAsync(ct);
using var http = WandbClient.CreateHttp();
var report = new Report();
var startups = new List<double>();
var loadBefore = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
var clock = Stopwatch.StartNew();

async Task<WorbServer> StartAsync()
{
    var server = await WorbServer.StartAsync(hostDll, http, ct);
    startups.Add(server.Startup.TotalMilliseconds);
    return server;
}

void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");

// 5 alone (--chart-only): the chart query on a fresh server, nothing else.
if (options.ChartOnly)
{
    var only = new List<ChartResult>();
    await using (var server = await StartAsync())
    {
        await foreach (var chart in ChartsAsync(new WandbClient(http, server.BaseUrl)))
        {
            only.Add(chart);
        }
    }
    AddChart(only.Single(c => c.Steps == options.ChartSteps));
    only.ForEach(AddChartScaling);
    PrintReport();
    return;
}

// 1 + 2 alone (--ingest-only): sustained ingest and the ceiling, nothing else.
if (options.IngestOnly)
{
    IngestResult only;
    await using (var server = await StartAsync())
    {
        Log($"ingest: {options.Runs} runs × {options.Steps} steps × {options.Metrics} metrics");
        only = await IngestScenario.RunAsync(server, new WandbClient(http, server.BaseUrl), options.Runs, options.Steps, options.Metrics, options.LinesPerChunk, ct);
    }
    Log($"server CPU: {only.ServerCpuSecondsAtAck:F1} s until acknowledged, {only.ServerCpuSecondsAtDrain:F1} s until drained");
    Log($"acknowledged after {only.AckSeconds:F1} s; stored values over time: " +
        string.Join(", ", only.Progress.Where((_, i) => i % 4 == 0).Select(p => $"{p.Seconds:F0}s {p.StoredValues / 1e6:F2}M")));
    Log("ceiling: bare SQLite row inserts");
    var seconds = CeilingScenario.Run(options.Runs, options.Steps, options.Metrics, options.LinesPerChunk);
    AddIngest(only, options.Values / seconds, seconds);
    PrintReport();
    return;
}

// 1 + 3: sustained ingest, then live-run latency on the same (now loaded) server.
IngestResult ingest;
(double P50Ms, double P99Ms, int Requests) latency;
await using (var server = await StartAsync())
{
    var client = new WandbClient(http, server.BaseUrl);
    Log($"ingest: {options.Runs} runs × {options.Steps} steps × {options.Metrics} metrics");
    ingest = await IngestScenario.RunAsync(server, client, options.Runs, options.Steps, options.Metrics, options.LinesPerChunk, ct);
    Log($"latency: {options.LiveRuns} live runs, a one-line chunk every {options.IntervalMs} ms for {options.LiveSeconds} s");
    latency = await LatencyScenario.RunAsync(client, options.LiveRuns, options.LiveSeconds, options.IntervalMs, ct);
}

// 2: the ceiling, same values.
Log("ceiling: bare SQLite row inserts");
var ceilingSeconds = CeilingScenario.Run(options.Runs, options.Steps, options.Metrics, options.LinesPerChunk);
var ceilingRate = options.Values / ceilingSeconds;

// 4 + 5: memory after many runs, then the chart query (fresh server).
(long IdleBytes, long AfterBytes) memory;
var charts = new List<ChartResult>();
await using (var server = await StartAsync())
{
    var client = new WandbClient(http, server.BaseUrl);
    Log($"memory: {options.MemoryRuns} runs post once");
    memory = await MemoryScenario.RunAsync(server, client, options.MemoryRuns, ct);
    await foreach (var chart in ChartsAsync(client))
    {
        charts.Add(chart);
    }
}

// 7: ingest from 1 to 100 runs, same number of values each time (fresh server each).
var byRuns = new List<(int Runs, IngestResult Result)>();
if (!options.SkipScaling)
{
    var total = Math.Max(options.Values / 5, 100L * options.Metrics * options.LinesPerChunk);
    foreach (var runs in new[] { 1, 10, 100 })
    {
        var steps = (int)Math.Max(options.LinesPerChunk, total / ((long)runs * options.Metrics));
        Log($"scaling: {runs} runs × {steps} steps × {options.Metrics} metrics");
        await using var server = await StartAsync();
        byRuns.Add((runs, await IngestScenario.RunAsync(server, new WandbClient(http, server.BaseUrl), runs, steps, options.Metrics, options.LinesPerChunk, ct)));
    }
}

// The table.
AddIngest(ingest, ceilingRate, ceilingSeconds);
report.Add($"3. file_stream latency, {options.LiveRuns} live runs, 1 line / {options.IntervalMs} ms ({latency.Requests:N0} requests)",
    $"p50 {latency.P50Ms:F1} ms, p99 {latency.P99Ms:F1} ms", "p99 < 10 ms", latency.P99Ms < 10);
var rssMb = memory.AfterBytes / 1048576.0;
report.Add($"4. resident memory after {options.MemoryRuns:N0} runs posted once", $"{rssMb:F0} MB (idle {memory.IdleBytes / 1048576.0:F0} MB)", "< 300 MB", rssMb < 300);
AddChart(charts.Single(c => c.Steps == options.ChartSteps));
startups.Sort();
report.Add($"6. start-up of the Release build to its first 200 ({startups.Count} starts)",
    $"{startups[startups.Count / 2]:F0} ms median, {startups[^1]:F0} ms max", "< 3 s", startups[^1] < 3000);

foreach (var (runs, result) in byRuns)
{
    report.AddScaling("ingest drained, by live runs", $"{runs} runs, {result.Values:N0} values", $"{Report.Number(result.DrainRate)} values/s (acked {Report.Number(result.AckRate)}/s)");
}
// Drain rate as the store grows, from the main ingest's /metrics samples (stored values include _timestamp, _runtime, _step).
var previous = (Seconds: 0.0, Stored: 0.0);
foreach (var threshold in new[] { 10_000d, 100_000d, 1_000_000d, 10_000_000d })
{
    var reached = ingest.Progress.FirstOrDefault(p => p.StoredValues >= threshold);
    if (reached == default || reached.Seconds <= previous.Seconds)
    {
        continue;
    }
    report.AddScaling("store rate while the table grows", $"{previous.Stored:N0} → {reached.StoredValues:N0} stored values",
        $"{Report.Number((reached.StoredValues - previous.Stored) / (reached.Seconds - previous.Seconds))} values/s");
    previous = reached;
}
foreach (var chart in charts)
{
    AddChartScaling(chart);
}
PrintReport();

// The chart query at 10k, 100k, the chart size and 10M (unless --no-ten-million): one run, one metric each.
async IAsyncEnumerable<ChartResult> ChartsAsync(WandbClient client)
{
    var sizes = options.SkipScaling ? [options.ChartSteps] : new List<int> { 10_000, 100_000, options.ChartSteps };
    if (options.TenMillion)
    {
        sizes.Add(10_000_000);
    }
    foreach (var steps in sizes.Distinct().Order())
    {
        Log($"chart: {steps:N0}-step metric, {options.ChartBuckets} buckets");
        var project = "chart";
        var run = await ChartScenario.LoadAsync(client, project, steps, ct);
        var api = await ChartScenario.TimeAsync(options.ChartRepeats,
            () => client.BucketsAsync(project, run, ChartScenario.Key, options.ChartBuckets, ct));
        var dashboard = await ChartScenario.TimeAsync(options.ChartRepeats,
            () => client.DashboardHistoryAsync(project, run, ChartScenario.Key, options.ChartBuckets, ct));
        var graphQL = steps <= options.ChartSteps
            ? await ChartScenario.TimeAsync(Math.Min(3, options.ChartRepeats),
                () => client.SampledHistoryAsync(project, run, ChartScenario.Key, options.ChartBuckets, ct))
            : ((double, double, int)?)null;
        yield return new ChartResult(steps, api, dashboard, graphQL);
    }
}

void AddIngest(IngestResult result, double ceiling, double ceilingSeconds)
{
    var ratio = result.DrainRate / ceiling;
    report.Add($"1. ingest acknowledged ({options.Runs} runs × {options.Steps:N0} steps × {options.Metrics} metrics = {options.Values:N0} values)",
        $"{Report.Number(result.AckRate)} values/s ({result.AckSeconds:F1} s)");
    report.Add("1. ingest drained into SQLite (WAL pending back to 0)", $"{Report.Number(result.DrainRate)} values/s ({result.DrainSeconds:F1} s)");
    report.Add("2. ceiling: bare row inserts, same values", $"{Report.Number(ceiling)} values/s ({ceilingSeconds:F1} s)");
    report.Add("2. drained ingest / ceiling", $"{ratio:F2}×", "≥ 1.0×", ratio >= 1.0);
}

void AddChart(ChartResult chart)
{
    report.Add($"5. chart: {options.ChartBuckets} buckets of a {options.ChartSteps:N0}-step metric, /api/.../history/buckets",
        $"{chart.Api.MedianMs:F1} ms median, {chart.Api.MaxMs:F1} ms max ({chart.Api.Rows} buckets)", "< 50 ms", chart.Api.MedianMs < 50);
    report.Add($"5. chart: the same through the dashboard's /api/history",
        $"{chart.Dashboard.MedianMs:F1} ms median, {chart.Dashboard.MaxMs:F1} ms max ({chart.Dashboard.Rows} buckets)", "< 50 ms", chart.Dashboard.MedianMs < 50);
    if (chart.GraphQL is { } gql)
    {
        report.Add($"5. chart: GraphQL sampledHistory, {options.ChartBuckets} samples", $"{gql.MedianMs:F0} ms median ({gql.Rows} rows)", "< 50 ms", gql.MedianMs < 50);
    }
}

void AddChartScaling(ChartResult chart) =>
    report.AddScaling("chart query, by stored values of the metric", $"{chart.Steps:N0} steps",
        $"api {chart.Api.MedianMs:F1} ms ({chart.Api.Rows} buckets); dashboard {chart.Dashboard.MedianMs:F1} ms ({chart.Dashboard.Rows} buckets)"
        + (chart.GraphQL is { } g ? $"; GraphQL sampledHistory {g.MedianMs:F0} ms" : ""));

void PrintReport()
{
    Console.WriteLine();
    Console.WriteLine($"Worb load benchmark — {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; " +
                      $"load average before: {loadBefore}; after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}; " +
                      $"total {clock.Elapsed.TotalSeconds:F0} s");
    Console.WriteLine();
    Console.Write(report);
}
