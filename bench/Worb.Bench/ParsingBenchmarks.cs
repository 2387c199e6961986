using BenchmarkDotNet.Attributes;
using Worb.Grains.Protocol;

namespace Worb.Bench;

/// <summary>The history line scanner and the file_stream body parser, on a 50-metric line and a 100-line body.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private readonly List<JsonMember> _members = new(64);
    private string _line = "";
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _line = SampleData.Line(50, 12, random);
        _body = SampleData.Body(50, 0, 100, random);
    }

    [Benchmark(Description = "JsonLineScanner.TryScanObject (50 metrics, members)")]
    public int ScanLine() => JsonLineScanner.TryScanObject(_line, _members, out _) ? _members.Count : -1;

    [Benchmark(Description = "JsonLineScanner.IsObject (50 metrics, validation only)")]
    public bool ValidateLine() => JsonLineScanner.IsObject(_line, out _);

    [Benchmark(Description = "FileStreamParser.TryParse (100 lines, validated: hot path)")]
    public int ParseBody() => FileStreamParser.TryParse(_body, out var request, out _) ? request.LineCount : -1;

    [Benchmark(Description = "FileStreamParser.TryParse (100 lines, not re-validated: store)")]
    public int ParseLoggedBody() => FileStreamParser.TryParse(_body, out var request, out _, validateLines: false) ? request.LineCount : -1;
}
