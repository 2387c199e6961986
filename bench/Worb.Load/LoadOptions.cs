using System.Globalization;

namespace Worb.Load;

/// <summary>The benchmark's knobs: <c>--runs 20 --steps 5000 --metrics 50 ...</c>; <c>--quick</c> scales everything down.</summary>
public sealed class LoadOptions
{
    public int Runs { get; set; } = 20;
    public int Steps { get; set; } = 5_000;
    public int Metrics { get; set; } = 50;
    public int LinesPerChunk { get; set; } = 100;
    public int LiveRuns { get; set; } = 100;
    public int LiveSeconds { get; set; } = 10;
    public int IntervalMs { get; set; } = 100;
    public int MemoryRuns { get; set; } = 1_000;
    public int ChartSteps { get; set; } = 1_000_000;
    public int ChartBuckets { get; set; } = 1_500;
    public int ChartRepeats { get; set; } = 20;
    public bool TenMillion { get; set; } = true;
    public bool SkipScaling { get; set; }
    public bool ChartOnly { get; set; }
    public bool IngestOnly { get; set; }
    public string? HostDll { get; set; }

    public long Values => (long)Runs * Steps * Metrics;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--runs": options.Runs = Int(); break;
                case "--steps": options.Steps = Int(); break;
                case "--metrics": options.Metrics = Int(); break;
                case "--lines-per-chunk": options.LinesPerChunk = Int(); break;
                case "--live-runs": options.LiveRuns = Int(); break;
                case "--live-seconds": options.LiveSeconds = Int(); break;
                case "--interval-ms": options.IntervalMs = Int(); break;
                case "--memory-runs": options.MemoryRuns = Int(); break;
                case "--chart-steps": options.ChartSteps = Int(); break;
                case "--chart-buckets": options.ChartBuckets = Int(); break;
                case "--chart-repeats": options.ChartRepeats = Int(); break;
                case "--ten-million": options.TenMillion = true; break;
                case "--no-ten-million": options.TenMillion = false; break;
                case "--skip-scaling": options.SkipScaling = true; break;
                case "--chart-only": options.ChartOnly = true; break;
                case "--ingest-only": options.IngestOnly = true; break;
                case "--host-dll": options.HostDll = Next(); break;
                case "--quick":
                    options.Runs = 4; options.Steps = 1_000; options.Metrics = 20; options.LiveRuns = 20;
                    options.LiveSeconds = 3; options.MemoryRuns = 100; options.ChartSteps = 100_000; options.ChartRepeats = 5; options.TenMillion = false;
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return options;
    }
}
