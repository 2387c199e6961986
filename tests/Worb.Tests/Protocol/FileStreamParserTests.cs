using System.Text;
using Worb.Grains.Protocol;

namespace Worb.Tests.Protocol;

public sealed class FileStreamParserTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(ProtocolFiles.Directory, "core-requests", name));

    [Theory]
    [InlineData("20_filestream_data.json")]
    [InlineData("21_filestream_uploaded.json")]
    [InlineData("22_filestream_heartbeat.json")]
    [InlineData("23_filestream_final_complete.json")]
    [InlineData("24_filestream_final_minimal.json")]
    [InlineData("25_filestream_short_run_everything_in_final.json")]
    [InlineData("26_filestream_failed_exit.json")]
    [InlineData("27_filestream_resumed_offsets.json")]
    [InlineData("28_filestream_preempting.json")]
    [InlineData("30_filestream_console_stdout_stderr.json")]
    public void Accepts_every_wandb_core_body(string fixture)
    {
        Assert.True(FileStreamParser.TryParse(Encoding.UTF8.GetBytes(Fixture(fixture)), out var request, out var error), error);
        Assert.NotNull(request);
    }

    [Fact]
    public void Reads_files_and_final_state()
    {
        const string body = """{"files": {"wandb-history.jsonl": {"offset": 7, "content": ["{\"a\": NaN, \"_step\": 7}"]}, "output.log": [{"offset": 0, "content": ["x\n"]}, {"offset": 5, "content": ["y\n"]}]}, "complete": true, "exitcode": 3, "dropped": 2, "uploaded": ["config.yaml"]}""";

        Assert.True(FileStreamParser.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error), error);

        Assert.Equal(3, request.Files.Count);
        Assert.Equal(7, request.Files[0].Offset);
        Assert.Equal([0L, 5L], request.Files.Where(f => f.FileName == "output.log").Select(f => f.Offset));
        Assert.True(request.Complete);
        Assert.Equal(3, request.ExitCode);
        Assert.Equal(2, request.Dropped);
        Assert.Equal(["config.yaml"], request.Uploaded);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("\"x\"", "must be a JSON object")]
    [InlineData("""{"files": []}""", "'files' must be an object")]
    [InlineData("""{"files": {"output.log": {"offset": 99999999999, "content": []}}}""", "out of range")]
    [InlineData("""{"files": {"output.log": {"content": []}}}""", "offset must be an integer")]
    [InlineData("""{"files": {"output.log": {"offset": 1.5, "content": []}}}""", "offset must be an integer")]
    [InlineData("""{"files": {"output.log": {"offset": 0, "content": [1]}}}""", "must be a string")]
    [InlineData("""{"files": {"wandb-summary.json": {"offset": 0, "content": ["{}", "{}"]}}}""", "exactly one line")]
    [InlineData("""{"files": {"wandb-events.jsonl": {"offset": 0, "content": ["nope"]}}}""", "line 0")]
    [InlineData("""{"uploaded": "a"}""", "'uploaded' must be a list")]
    [InlineData("""{"complete": 1}""", "'complete' must be true or false")]
    public void Refuses_malformed_bodies_with_a_reason(string body, string reason)
    {
        Assert.False(FileStreamParser.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Refuses_invalid_utf8()
    {
        var body = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
        Assert.False(FileStreamParser.TryParse(body, out _, out _));
    }
}
