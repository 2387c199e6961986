namespace Worb.Load;

/// <summary>Resident memory of the server after N runs have each been created and posted one chunk.</summary>
public static class MemoryScenario
{
    public static async Task<(long IdleBytes, long AfterBytes)> RunAsync(
        WorbServer server, WandbClient client, int runs, CancellationToken cancellationToken)
    {
        var idle = server.ResidentBytes();
        var project = "many-" + Guid.NewGuid().ToString("N")[..6];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, runs).Select(async r =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var name = $"many{r:D5}";
                await client.UpsertBucketAsync(project, name, cancellationToken);
                var line = HistoryChunks.Line([0.5, 0.25, 0.125], 0);
                await client.PostChunkAsync(project, name, HistoryChunks.Body(0, [line], line), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // let the store drain
        return (idle, server.ResidentBytes());
    }
}
