using Worb.Grains.Protocol;

namespace Worb.Tests.Protocol;

public sealed class JsonLineScannerTests
{
    [Fact]
    public void Keeps_every_top_level_value_exactly_as_logged()
    {
        const string line = """{"nan": NaN, "pinf": Infinity, "ninf": -Infinity, "beyond_int64": 18446744073709551617, "tiny": 5e-324, "neg0": -0.0, "s": "na\u00efve \"q\"", "nested": {"a": {"b": 1, "c": [1, NaN]}}, "hist": {"_type": "histogram", "values": [1, 2], "bins": [0, 1, 2]}, "b": true, "n": null, "l": [], "_step": 12}""";

        Assert.True(JsonLineScanner.TryScanObject(line, out var members, out var error), error);

        var byKey = members.ToDictionary(m => m.Key);
        Assert.True(double.IsNaN(byKey["nan"].Number!.Value));
        Assert.Equal(double.PositiveInfinity, byKey["pinf"].Number);
        Assert.Equal(double.NegativeInfinity, byKey["ninf"].Number);
        Assert.Equal("18446744073709551617", byKey["beyond_int64"].RawValue);
        Assert.Equal("5e-324", byKey["tiny"].RawValue);
        Assert.Equal("\"na\\u00efve \\\"q\\\"\"", byKey["s"].RawValue);
        Assert.Equal("""{"a": {"b": 1, "c": [1, NaN]}}""", byKey["nested"].RawValue);
        Assert.Equal("histogram", byKey["hist"].TypeTag);
        Assert.Equal(JsonValueKind.True, byKey["b"].Kind);
        Assert.Equal(JsonValueKind.Null, byKey["n"].Kind);
        Assert.Equal(JsonValueKind.Array, byKey["l"].Kind);
        Assert.Equal(12, HistoryStep.Of(members, lineNo: 99));
    }

    [Theory]
    [InlineData("", "expected a JSON object")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"a\": 1", "expected")]
    [InlineData("{\"a\": 1} x", "unexpected text")]
    [InlineData("{\"a\": nan}", "unexpected")]
    [InlineData("{\"a\": 01}", "expected")]
    [InlineData("{\"a\": \"unterminated}", "unterminated")]
    [InlineData("{a: 1}", "expected '\"'")]
    public void Refuses_malformed_lines_with_a_reason(string line, string reason)
    {
        Assert.False(JsonLineScanner.TryScanObject(line, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_the_limit_without_overflowing_the_stack()
    {
        var deep = "{\"a\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.False(JsonLineScanner.TryScanObject(deep, out _, out var error));
        Assert.Contains("nested deeper", error);
    }

    [Fact]
    public void History_values_keep_what_a_double_cannot_say()
    {
        Assert.True(JsonLineScanner.TryScanObject(
            """{"big": 18446744073709551617, "ok": 0.5, "nan": NaN, "s": "x", "h": {"_type": "histogram"}}""", out var members, out _));
        var values = members.ToDictionary(m => m.Key, m => HistoryValue.From(m));

        Assert.Equal("18446744073709551617", values["big"].Json);
        Assert.Equal(0.5, values["ok"].Number);
        Assert.Null(values["ok"].Json);
        Assert.Null(values["nan"].Number);
        Assert.Equal("NaN", values["nan"].ToJson());
        Assert.Equal("string", values["s"].Kind);
        Assert.Equal("histogram", values["h"].Kind);
    }

    [Fact]
    public void A_line_without_step_is_addressed_by_its_offset()
    {
        Assert.True(JsonLineScanner.TryScanObject("""{"loss": 1}""", out var members, out _));
        Assert.Equal(41, HistoryStep.Of(members, lineNo: 41));
    }
}
