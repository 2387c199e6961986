using System.Text;
using Microsoft.Data.Sqlite;
using Orleans.Concurrency;
using Worb.Grains.Interfaces;

namespace Worb.Tests.Cluster;

public sealed class RunGrainClusterTests(WorbClusterFixture fixture) : IClassFixture<WorbClusterFixture>
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Runs_on_both_silos_ingest_and_store_every_line_once()
    {
        var keys = Enumerable.Range(0, 12).Select(i => new RunKey("e", "cluster", $"run{i}")).ToList();
        foreach (var key in keys)
        {
            var grain = Grains.GetGrain<IRunGrain>(key.GrainKey);
            await grain.UpsertAsync(new RunUpsert { DisplayName = key.Run, ConfigJson = "{\"lr\": {\"value\": 0.1}}" });
            for (var chunk = 0; chunk < 3; chunk++)
            {
                var result = await grain.AppendChunkAsync(Body(HistoryChunk(offset: chunk * 5, count: 5)));
                Assert.Null(result.Error);
            }
            // Re-sent after a timeout: must not be stored twice.
            Assert.Null((await grain.AppendChunkAsync(Body(HistoryChunk(offset: 5, count: 5)))).Error);
        }

        var silos = new HashSet<string>();
        foreach (var key in keys)
        {
            var grain = Grains.GetGrain<IRunGrain>(key.GrainKey);
            await grain.EnsureStoredAsync();
            silos.Add(await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain) is { } address
                ? address.ToParsableString()
                : "unknown");
            Assert.Equal(15, (await grain.GetAsync())!.HistoryLineCount);
        }
        Assert.True(silos.Count == 2, $"runs should spread over both silos, were on: {string.Join(", ", silos)}");

        await using var connection = await fixture.Database.OpenAsync();
        foreach (var key in keys)
        {
            Assert.Equal(15L, await ScalarAsync(connection, """
                SELECT count(*) FROM history_lines h JOIN runs r ON r.id = h.run_id WHERE r.name = $run
                """, key.Run));
            Assert.Equal(15L, await ScalarAsync(connection, """
                SELECT count(*) FROM history h JOIN runs r ON r.id = h.run_id JOIN metric_keys k ON k.id = h.key_id
                WHERE r.name = $run AND k.name = 'loss'
                """, key.Run));
            Assert.Equal(15L, await ScalarAsync(connection, "SELECT history_line_count FROM runs WHERE name = $run", key.Run));
        }
    }

    [Fact]
    public async Task Deactivation_and_reactivation_keep_counters_and_state()
    {
        var key = new RunKey("e", "cluster", "reactivated");
        var grain = Grains.GetGrain<IRunGrain>(key.GrainKey);
        await grain.UpsertAsync(new RunUpsert { Tags = ["a", "b"] });
        await grain.AppendChunkAsync(Body(HistoryChunk(0, 7)));
        await grain.AppendChunkAsync(Body("""{"files": {"output.log": {"offset": 0, "content": ["2026-01-01T00:00:00.000000 hi", "ERROR 2026-01-01T00:00:00.000000 bad"]}}}"""));
        await grain.AppendChunkAsync(Body("""{"complete": true, "exitcode": 3}"""));

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var run = await Grains.GetGrain<IRunGrain>(key.GrainKey).GetAsync();
        Assert.NotNull(run);
        Assert.Equal(7, run.HistoryLineCount);
        Assert.Equal(2, run.LogLineCount);
        Assert.Equal(RunStates.Failed, run.State);
        Assert.Equal(["a", "b"], run.Tags);
    }

    [Fact]
    public async Task Unknown_run_and_malformed_chunks_are_refused_without_losing_accepted_data()
    {
        var unknown = await Grains.GetGrain<IRunGrain>(new RunKey("e", "cluster", "nobody").GrainKey)
            .AppendChunkAsync(Body(HistoryChunk(0, 1)));
        Assert.Equal(404, unknown.StatusCode);

        var grain = Grains.GetGrain<IRunGrain>(new RunKey("e", "cluster", "picky").GrainKey);
        await grain.UpsertAsync(new RunUpsert());
        Assert.Null((await grain.AppendChunkAsync(Body(HistoryChunk(0, 2)))).Error);
        foreach (var bad in new[]
        {
            "not json",
            "[]",
            """{"files": {"wandb-history.jsonl": {"offset": -1, "content": []}}}""",
            """{"files": {"wandb-history.jsonl": {"offset": "3", "content": []}}}""",
            """{"files": {"wandb-history.jsonl": {"offset": 2, "content": "{}"}}}""",
            """{"files": {"wandb-history.jsonl": {"offset": 2, "content": ["{\"a\": 1"]}}}""",
            """{"complete": true, "exitcode": "zero"}""",
        })
        {
            var result = await grain.AppendChunkAsync(Body(bad));
            Assert.Equal(400, result.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }
        await grain.EnsureStoredAsync();
        Assert.Equal(2, (await grain.GetAsync())!.HistoryLineCount);
    }

    internal static string HistoryChunk(long offset, int count)
    {
        var lines = Enumerable.Range((int)offset, count)
            .Select(step => System.Text.Json.JsonSerializer.Serialize(
                "{\"loss\": " + (1.0 / (step + 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture) +
                ", \"_step\": " + step + "}"));
        return "{\"files\": {\"wandb-history.jsonl\": {\"offset\": " + offset + ", \"content\": [" +
            string.Join(", ", lines) + "]}}, \"dropped\": 0}";
    }

    private static Immutable<ReadOnlyMemory<byte>> Body(string json) => new(Encoding.UTF8.GetBytes(json));

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, string run)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", run);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
