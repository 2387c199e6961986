using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One run's client while the server is killed under it: posts history chunks of random size and value, and, like the
/// real client, re-sends a chunk (same offset, same lines) until it gets a 200, across connection errors and restarts.
/// Only lines of a chunk that got a 200 count as acknowledged. After <see cref="StopAsync"/> the chunk in flight is
/// still pushed through, so in the end the acknowledged lines are exactly what the client sent.
/// </summary>
public sealed class CrashingStreamer(ClientSession session, int seed)
{
    private readonly List<string> _acknowledged = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public ClientSession Session => session;

    /// <summary>Chunks that needed more than one attempt (sent, then re-sent after an error or a kill).</summary>
    public int Retries { get; private set; }

    public IReadOnlyList<string> Acknowledged => _acknowledged;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            var offset = _acknowledged.Count;
            var lines = Enumerable.Range(offset, random.Next(1, 25))
                .Select(step => Line(step, random.NextDouble() * Math.Pow(10, random.Next(-5, 6))))
                .ToList();
            var body = Body(offset, lines);
            for (var attempt = 0; ; attempt++)
            {
                if (await TryPostAsync(body))
                {
                    break;
                }
                if (attempt == 0)
                {
                    Retries++;
                }
                // Keeps retrying after the stop request too: the outcome of this chunk must be known.
                await Task.Delay(50, CancellationToken.None);
            }
            _acknowledged.AddRange(lines);
            await Task.Delay(random.Next(0, 20), CancellationToken.None);
        }
    }

    private async Task<bool> TryPostAsync(byte[] body)
    {
        try
        {
            var (status, _) = await session.PostRawAsync(body);
            return status == 200;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or IOException)
        {
            return false; // killed, restarting, or the port changed under us
        }
    }

    private static string Line(long step, double value) =>
        $"{{\"value\": {value.ToString("R", CultureInfo.InvariantCulture)}, \"_step\": {step}, \"_runtime\": {step}.5}}";

    private static byte[] Body(long offset, IReadOnlyList<string> lines)
    {
        var body = new JsonObject
        {
            ["files"] = new JsonObject
            {
                [RecordingExpectations.HistoryFile] = new JsonObject
                {
                    ["offset"] = offset,
                    ["content"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                },
            },
            ["dropped"] = 0,
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
