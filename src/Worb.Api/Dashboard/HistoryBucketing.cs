using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;
using Worb.Grains.Storage.Queries;

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
/// bucket's <see cref="Min"/>/<see cref="Max"/> (the band) and point count. <see cref="LastStep"/> is the last step
/// charted in the range (over another metric: the key's last step there), the cursor for live updates.
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
/// Server-side bucketing in the manner of W&amp;B's full-fidelity charts: each series comes back as at most
/// <see cref="HistoryBucketRequest.Buckets"/> buckets, each answering its last value by step plus min and max — so a
/// chart never gets more points than it has pixels. Only finite numbers are charted (NaN and ±Infinity are not).
/// Over steps the buckets come from <see cref="HistoryBucketQuery"/> (block summaries: equal widths of whole 64-step
/// blocks once a bucket spans one); over another metric, from <see cref="MetricAxisBucketing"/>.
/// </summary>
public sealed class HistoryBucketing(WorbDatabase database, HistoryBucketQuery steps, MetricAxisBucketing metricAxis)
{
    public const string StepKey = "_step";

    public async IAsyncEnumerable<BucketedSeries> QueryAsync(
        HistoryBucketRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, long> runIds, keyIds;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            runIds = await LookUpAsync(connection,
                "SELECT r.name, r.id FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.entity = $entity AND p.name = $project AND r.name IN ({0});",
                request.Runs, request, cancellationToken);
            var names = request.XKey == StepKey ? request.Keys : [.. request.Keys, request.XKey];
            keyIds = await LookUpAsync(connection, "SELECT name, id FROM metric_keys WHERE name IN ({0});", names, null, cancellationToken);
        }
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
                    yield return xKeyId is { } x
                        ? await metricAxis.BucketAsync(request, run, runId, key, keyId, x, cancellationToken)
                        : await BucketByStepAsync(request, run, runId, key, keyId, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The metric's steps within the zoom range and after the live cursor, clamped to the steps it has numbers at (so
    /// the buckets span the data, not the asked-for range), bucketed from the block summaries.
    /// </summary>
    private async Task<BucketedSeries> BucketByStepAsync(
        HistoryBucketRequest request, string run, long runId, string key, long keyId, CancellationToken cancellationToken)
    {
        var series = new BucketedSeries(run, key, [], [], [], [], [], null);
        if (await steps.ExtentAsync(runId, keyId, cancellationToken) is not ({ } first, { } last))
        {
            return series;
        }
        if (request.AfterStep is { } after)
        {
            first = Math.Max(first, after + 1);
        }
        if ((request.XMin is { } xMin && xMin > last) || (request.XMax is { } xMax && xMax < first))
        {
            return series;
        }
        var lo = request.XMin is { } min ? Math.Max(first, (long)Math.Ceiling(min)) : first;
        var hi = request.XMax is { } max ? Math.Min(last, (long)Math.Floor(max)) : last;
        if (hi < lo)
        {
            return series;
        }
        var (x, y, minY, maxY, count) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<long>());
        long? lastStep = null;
        await foreach (var bucket in steps.QueryAsync(runId, keyId, lo, hi, request.Buckets, finiteOnly: true, cancellationToken))
        {
            x.Add(bucket.LastStep);
            y.Add(bucket.Last);
            minY.Add(bucket.Min);
            maxY.Add(bucket.Max);
            count.Add(bucket.Count);
            lastStep = bucket.LastStep;
        }
        return series with { X = x, Y = y, Min = minY, Max = maxY, Count = count, LastStep = lastStep };
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
