using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>
/// Buckets a metric over another metric's values at the same steps (e.g. <c>_runtime</c>, <c>epoch</c>): the x range
/// is cut into equal buckets, bucket = (x - min) · n / (max - min), and each answers its last point by step, min, max
/// and count. Block summaries are per step, so this path reads the rows of both metrics; only finite numbers count.
/// </summary>
public sealed class MetricAxisBucketing(WorbDatabase database)
{
    public async Task<BucketedSeries> BucketAsync(
        HistoryBucketRequest request, string run, long runId, string key, long keyId, long xKeyId,
        CancellationToken cancellationToken)
    {
        var x = new List<double>();
        var y = new List<double>();
        var min = new List<double>();
        var max = new List<double>();
        var count = new List<long>();
        var empty = new BucketedSeries(run, key, x, y, min, max, count, null);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var range = connection.CreateCommand();
        range.CommandText = """
            SELECT MIN(hx.value), MAX(hx.value), MAX(hy.step)
            FROM history hy JOIN history hx ON hx.run_id = hy.run_id AND hx.key_id = $xkey AND hx.step = hy.step
            WHERE hy.run_id = $run AND hy.key_id = $key AND hy.step > $after
              AND hx.value >= $lo AND hx.value <= $hi AND abs(hx.value) < 9e999;
            """;
        Bind(range, request, runId, keyId, xKeyId);
        double lo, hi;
        long lastStep;
        await using (var reader = await range.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
            {
                return empty;
            }
            (lo, hi, lastStep) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetInt64(2));
        }

        await using var buckets = connection.CreateCommand();
        buckets.CommandText = Buckets;
        Bind(buckets, request, runId, keyId, xKeyId);
        buckets.Parameters["$lo"].Value = lo;
        buckets.Parameters["$hi"].Value = hi;
        buckets.Parameters.AddWithValue("$n", request.Buckets);
        await using (var reader = await buckets.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                x.Add(reader.GetDouble(0));
                y.Add(reader.GetDouble(1));
                min.Add(reader.GetDouble(2));
                max.Add(reader.GetDouble(3));
                count.Add(reader.GetInt64(4));
            }
        }
        return empty with { LastStep = lastStep };
    }

    /// <summary>The last point of a bucket is its last step.</summary>
    private const string Buckets = """
        SELECT lx.value, ly.value, g.min_y, g.max_y, g.points
        FROM (SELECT CASE WHEN $hi > $lo THEN MIN(CAST((hx.value - $lo) * $n / ($hi - $lo) AS INTEGER), $n - 1) ELSE 0 END AS bucket,
                     MAX(hy.step) AS last_step, COUNT(*) AS points, MIN(hy.value) AS min_y, MAX(hy.value) AS max_y
              FROM history hy JOIN history hx ON hx.run_id = hy.run_id AND hx.key_id = $xkey AND hx.step = hy.step
              WHERE hy.run_id = $run AND hy.key_id = $key AND hy.step > $after AND abs(hy.value) < 9e999
                AND hx.value >= $lo AND hx.value <= $hi
              GROUP BY bucket) g
        JOIN history ly ON ly.run_id = $run AND ly.key_id = $key AND ly.step = g.last_step
        JOIN history lx ON lx.run_id = $run AND lx.key_id = $xkey AND lx.step = g.last_step
        ORDER BY g.bucket;
        """;

    private static void Bind(SqliteCommand command, HistoryBucketRequest request, long runId, long keyId, long xKeyId)
    {
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        command.Parameters.AddWithValue("$xkey", xKeyId);
        command.Parameters.AddWithValue("$lo", request.XMin ?? double.MinValue);
        command.Parameters.AddWithValue("$hi", request.XMax ?? double.MaxValue);
        command.Parameters.AddWithValue("$after", request.AfterStep ?? long.MinValue);
    }
}
