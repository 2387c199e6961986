using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Worb.Tests.Fuzz;

/// <summary>
/// Generators of file_stream bodies a server must survive: shuffled JSON tokens, the right shape with wrong parts
/// (types, offsets, NaN/Infinity, huge numbers, bad lines), random bytes (invalid UTF-8) and mutated valid bodies.
/// Shared with the end-to-end tests, which send them over HTTP.
/// </summary>
public static class MalformedBodies
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"files\"", "\"wandb-history.jsonl\"", "\"wandb-summary.json\"", "\"output.log\"",
        "\"wandb-events.jsonl\"", "\"offset\"", "\"content\"", "\"complete\"", "\"exitcode\"", "\"preempting\"", "true",
        "null", "0", "-1", "9223372036854775807", "1e308", "-0.0", "NaN", "Infinity", "-Infinity", "\"x\"",
        "\"{\\\"_step\\\": 1}\"", "\"{\\\"_step\\\": NaN}\"", "\"\\ud800\"", "\"\\u0000\"", "\"{{{\"", " ",
    ];

    private static readonly string[] FileNames =
        ["\"wandb-history.jsonl\"", "\"wandb-summary.json\"", "\"wandb-events.jsonl\"", "\"output.log\"", "\"other.txt\"", "\"\"", "1", "null"];

    private static readonly string[] Offsets =
        ["0", "3", "-1", "-9223372036854775808", "9223372036854775807", "18446744073709551616", "1e30", "1.5", "NaN", "Infinity", "\"3\"", "null", "[]", "{}"];

    private static readonly string[] Lines =
    [
        "\"{\\\"loss\\\": 0.5, \\\"_step\\\": 0}\"", "\"{\\\"loss\\\": NaN, \\\"_step\\\": 1}\"", "\"{\\\"x\\\": Infinity, \\\"_step\\\": 2}\"",
        "\"{\\\"_step\\\": -5}\"", "\"{\\\"_step\\\": 1e400}\"", "\"{\\\"_step\\\": \\\"a\\\"}\"", "\"not json\"", "\"[1, 2]\"", "\"\"",
        "\"{\\\"a\\\": {\\\"b\\\": [[[[[[[[1]]]]]]]]}}\"", "\"{\\\"x\\\": 1\"", "\"ERROR 2026-01-01T00:00:00Z boom\"", "1", "null", "{}", "[]",
    ];

    public static Gen<byte[]> Any() => Gen.Frequency(
        (3, TokenSoup()),
        (4, WrongShape()),
        (1, Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())),
        (2, Mutated()));

    public static Gen<byte[]> TokenSoup() =>
        Gen.ListOf(Gen.Elements(Tokens)).Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)));

    public static Gen<byte[]> WrongShape() =>
        from name in Gen.Elements(FileNames)
        from offset in Gen.Elements(Offsets)
        from lines in Gen.ListOf(Gen.Elements(Lines))
        from contentAsList in ArbMap.Default.GeneratorFor<bool>()
        from complete in Gen.Elements("", ", \"complete\": true, \"exitcode\": 0", ", \"complete\": 1", ", \"exitcode\": \"x\"", ", \"preempting\": true", ", \"dropped\": NaN")
        let content = contentAsList ? "[" + string.Join(", ", lines) + "]" : lines.FirstOrDefault() ?? "null"
        select Encoding.UTF8.GetBytes($"{{\"files\": {{{name}: {{\"offset\": {offset}, \"content\": {content}}}}}{complete}}}");

    public static Gen<byte[]> Mutated() =>
        from body in WrongShape()
        from edits in Gen.ListOf(Gen.Two(ArbMap.Default.GeneratorFor<int>()))
        select Mutate(body, edits);

    /// <summary>A valid body of one history line, for the accepted side of a property.</summary>
    public static byte[] Valid(long offset, long step) => Encoding.UTF8.GetBytes(
        $"{{\"files\": {{\"wandb-history.jsonl\": {{\"offset\": {offset}, \"content\": [\"{{\\\"loss\\\": 0.5, \\\"_step\\\": {step}}}\"]}}}}}}");

    private static byte[] Mutate(byte[] body, IEnumerable<(int Where, int What)> edits)
    {
        var bytes = body.ToList();
        foreach (var (where, what) in edits)
        {
            if (bytes.Count == 0)
            {
                break;
            }
            var at = (int)((uint)where % (uint)bytes.Count);
            switch ((uint)what % 3)
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, (byte)(what >> 8));
                    break;
                default:
                    bytes[at] = (byte)(what >> 8);
                    break;
            }
        }
        return [.. bytes];
    }
}
