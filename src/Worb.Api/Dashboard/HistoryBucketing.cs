using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>What a chart asks for: runs and metric keys of one project, the x axis, bucket count and range.</summary>
/// <param name="XKey"><c>_step</c>, or any logged metric (e.g. <c>_runtime</c>, <c>_timestamp</c>, <c>epoch</c>).</param>
/// <param name="AfterStep">Only steps after this one (live updates fetch what is new).</param>
public sealed record HistoryBucketRequest(
    string Entity,
    string Project,
    IReadOnlyList<string> Runs,
    IReadOnlyList<string> Keys,
    string XKey,
    int Buckets,
    double? XMin,
    double? XMax,
    long? AfterStep);

/// <summary>
/// One run's metric, bucketed: per bucket the last point by step (<see cref="X"/>, <see cref="Y"/>, the line) and the
/// bucket's <see cref="Min"/>/<see cref="Max"/> (the band) and point count. <see cref="LastStep"/> is the run's last
/// step of this key in the range, the cursor for live updates.
/// </summary>
public sealed record BucketedSeries(
    string Run,
    string Key,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double> Min,
    IReadOnlyList<double> Max,
    IReadOnlyList<long> Count,
    long? LastStep);

/// <summary>
/// Server-side bucketing in the manner of W&amp;B's full-fidelity charts: the x range is cut into at most
/// <see cref="HistoryBucketRequest.Buckets"/> equal buckets (bucket = (x - min) · n / (max - min + 1) for steps), and
/// each bucket answers its last value by step plus min and max — so a chart never gets more points than it has pixels.
/// Only finite numbers are charted (NaN is stored as NULL; <c>abs(value) &lt; 9e999</c> drops ±Infinity).
/// </summary>
public sealed class HistoryBucketing(WorbDatabase database)
{
    public const string StepKey = "_step";

    public async IAsyncEnumerable<BucketedSeries> QueryAsync(
        HistoryBucketRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runIds = await LookUpAsync(connection,
            "SELECT r.name, r.id FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.entity = $entity AND p.name = $project AND r.name IN ({0});",
            request.Runs, request, cancellationToken);
        var names = request.XKey == StepKey ? request.Keys : [.. request.Keys, request.XKey];
        var keyIds = await LookUpAsync(connection, "SELECT name, id FROM metric_keys WHERE name IN ({0});", names, null, cancellationToken);
        long? xKeyId = null;
        if (request.XKey != StepKey)
        {
            if (!keyIds.TryGetValue(request.XKey, out var id))
            {
                yield break; // nothing was ever logged against this x axis
            }
            xKeyId = id;
        }

        foreach (var run in request.Runs)
        {
            if (!runIds.TryGetValue(run, out var runId))
            {
                continue;
            }
            foreach (var key in request.Keys)
            {
                if (keyIds.TryGetValue(key, out var keyId))
                {
                    yield return await BucketAsync(connection, request, run, runId, key, keyId, xKeyId, cancellationToken);
                }
            }
        }
    }

    private static async Task<BucketedSeries> BucketAsync(
        SqliteConnection connection, HistoryBucketRequest request, string run, long runId, string key, long keyId, long? xKeyId,
        CancellationToken cancellationToken)
    {
        var x = new List<double>();
        var y = new List<double>();
        var min = new List<double>();
        var max = new List<double>();
        var count = new List<long>();
        var empty = new BucketedSeries(run, key, x, y, min, max, count, null);

        await using var range = connection.CreateCommand();
        range.CommandText = xKeyId is null
            ? """
              SELECT MIN(step), MAX(step), MAX(step) FROM history
              WHERE run_id = $run AND key_id = $key AND step >= $lo AND step <= $hi AND step > $after;
              """
            : """
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
        buckets.CommandText = xKeyId is null ? StepBuckets(lo, hi, request.Buckets) : MetricBuckets;
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

    /// <summary>
    /// Buckets over integer steps. Integer arithmetic keeps bucket edges exact; a span so wide that
    /// (step - lo) · n could overflow 64 bits falls back to floating point.
    /// </summary>
    private static string StepBuckets(double lo, double hi, int buckets)
    {
        var span = hi - lo + 1;
        var bucketExpression = span * buckets < 9e18
            ? "(step - CAST($lo AS INTEGER)) * $n / (CAST($hi AS INTEGER) - CAST($lo AS INTEGER) + 1)"
            : "CAST((step - $lo) * $n / ($hi - $lo + 1) AS INTEGER)";
        return $"""
            SELECT g.last_step, h.value, g.min_y, g.max_y, g.points
            FROM (SELECT {bucketExpression} AS bucket, MAX(step) AS last_step, COUNT(*) AS points,
                         MIN(value) AS min_y, MAX(value) AS max_y
                  FROM history
                  WHERE run_id = $run AND key_id = $key AND step >= $lo AND step <= $hi AND step > $after
                    AND abs(value) < 9e999
                  GROUP BY bucket) g
            JOIN history h ON h.run_id = $run AND h.key_id = $key AND h.step = g.last_step
            ORDER BY g.bucket;
            """;
    }

    /// <summary>Buckets over another metric's values at the same steps; the last point of a bucket is its last step.</summary>
    private const string MetricBuckets = """
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

    private static void Bind(SqliteCommand command, HistoryBucketRequest request, long runId, long keyId, long? xKeyId)
    {
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$key", keyId);
        command.Parameters.AddWithValue("$lo", request.XMin ?? double.MinValue);
        command.Parameters.AddWithValue("$hi", request.XMax ?? double.MaxValue);
        command.Parameters.AddWithValue("$after", request.AfterStep ?? long.MinValue);
        if (xKeyId is { } id)
        {
            command.Parameters.AddWithValue("$xkey", id);
        }
    }

    /// <summary>Maps names to ids with one <c>IN (...)</c> query; <c>{0}</c> in the SQL takes the parameter list.</summary>
    private static async Task<Dictionary<string, long>> LookUpAsync(
        SqliteConnection connection, string sql, IReadOnlyList<string> names, HistoryBucketRequest? project, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return ids;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql,
            string.Join(", ", names.Select((_, i) => "$p" + i)));
        for (var i = 0; i < names.Count; i++)
        {
            command.Parameters.AddWithValue("$p" + i, names[i]);
        }
        if (project is not null)
        {
            command.Parameters.AddWithValue("$entity", project.Entity);
            command.Parameters.AddWithValue("$project", project.Project);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }
        return ids;
    }
}
