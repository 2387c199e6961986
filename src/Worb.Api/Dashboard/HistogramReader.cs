using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Worb.Api.GraphQL.Json;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>A logged <c>wandb.Histogram</c> at one step: <c>{"_type": "histogram", "values": [...], "bins": [...]}</c>
/// (or <c>packedBins</c>), as the client sent it.</summary>
public sealed record HistogramAtStep(long Step, JsonNode? Histogram);

/// <summary>
/// Reads a histogram key over steps for a heat map: the steps are cut into at most <c>maxSteps</c> equal buckets and
/// each bucket answers its last histogram, so a long run sends a bounded number of histograms.
/// </summary>
public sealed class HistogramReader(WorbDatabase database)
{
    public async IAsyncEnumerable<HistogramAtStep> ReadAsync(
        long runId, string key, int maxSteps, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH k AS (SELECT id FROM metric_keys WHERE name = $key),
                 span AS (SELECT MIN(step) AS lo, MAX(step) AS hi FROM history
                          WHERE run_id = $run AND key_id = (SELECT id FROM k) AND kind = 'histogram'),
                 g AS (SELECT (step - span.lo) * $n / (span.hi - span.lo + 1) AS bucket, MAX(step) AS last_step
                       FROM history, span
                       WHERE run_id = $run AND key_id = (SELECT id FROM k) AND kind = 'histogram'
                       GROUP BY bucket)
            SELECT h.step, h.json FROM g
            JOIN history h ON h.run_id = $run AND h.key_id = (SELECT id FROM k) AND h.step = g.last_step
            ORDER BY h.step;
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$n", maxSteps);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new HistogramAtStep(reader.GetInt64(0), LenientJsonParser.Parse(reader.IsDBNull(1) ? null : reader.GetString(1)));
        }
    }
}
