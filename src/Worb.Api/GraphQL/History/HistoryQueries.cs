using Worb.Api.GraphQL.Data;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.History;

/// <summary>Answers <c>history</c>, <c>sampledHistory</c> and <c>historyKeys</c> from the stored history.</summary>
public sealed class HistoryQueries(HistoryLineReader lines, HistoryKeyReader keys, HistoryStepReader steps)
{
    /// <summary>Raw lines with minStep &lt;= step &lt; maxStep, by step, evenly sub-sampled to <paramref name="samples"/>.</summary>
    public async Task<IReadOnlyList<string>> HistoryAsync(
        long runId, int? samples, long? minStep, long? maxStep, CancellationToken cancellationToken)
    {
        var numbers = await lines.ReadLineNumbersAsync(runId, minStep, maxStep, cancellationToken);
        var chosen = EvenSampler.Sample(numbers, samples);
        return await lines.ReadContentsAsync(runId, chosen, cancellationToken);
    }

    /// <summary>
    /// One list per spec: rows that hold every requested key, projected to those keys, sub-sampled. The steps are chosen
    /// first from the <c>history</c> rows of the requested keys (no line read), then only the chosen lines are read and
    /// projected, so the values are the raw text as logged.
    /// </summary>
    public async Task<RawJson> SampledHistoryAsync(
        long runId, IReadOnlyList<string> specs, CancellationToken cancellationToken)
    {
        var results = new List<string>(specs.Count);
        foreach (var spec in specs.Select(SampledHistorySpec.Parse))
        {
            IReadOnlyList<string> chosen;
            if (spec.Keys.Count == 0)
            {
                // Every line qualifies (projected to nothing): sample the lines themselves.
                var numbers = await lines.ReadLineNumbersAsync(runId, spec.MinStep, spec.MaxStep, cancellationToken);
                chosen = await lines.ReadContentsAsync(runId, EvenSampler.Sample(numbers, spec.Samples), cancellationToken);
            }
            else
            {
                var candidates = await steps.ReadStepsWithAllKeysAsync(runId, spec.Keys, spec.MinStep, spec.MaxStep, cancellationToken);
                var atSteps = await lines.ReadAtStepsAsync(runId, EvenSampler.Sample(candidates, spec.Samples), cancellationToken);
                chosen = [.. atSteps.Select(line => line.Content)];
            }
            var rows = new List<string>(chosen.Count);
            foreach (var content in chosen)
            {
                if (Project(content, spec.Keys) is { } row)
                {
                    rows.Add(row);
                }
            }
            results.Add(JsonRender.Array(rows));
        }
        return new RawJson(JsonRender.Array(results));
    }

    /// <summary><c>{"keys": {"loss": {"typeCounts": [{"type": "number", "count": N}]}}, "lastStep": N}</c>.</summary>
    public async Task<RawJson> HistoryKeysAsync(long runId, CancellationToken cancellationToken)
    {
        var lastStep = await lines.LastStepAsync(runId, cancellationToken);
        var counts = await keys.ReadKindCountsAsync(runId, cancellationToken);
        var perKey = new Dictionary<string, Dictionary<string, long>>();
        var order = new List<string>();
        void Add(string key, string type, long count)
        {
            if (!perKey.TryGetValue(key, out var types))
            {
                perKey[key] = types = [];
                order.Add(key);
            }
            types[type] = types.GetValueOrDefault(type) + count;
        }
        if (counts.Count > 0)
        {
            foreach (var count in counts)
            {
                Add(count.Key, HistoryValueTypes.FromStoredKind(count.Kind), count.Count);
            }
        }
        else if (lastStep is not null)
        {
            foreach (var line in await lines.ReadRangeAsync(runId, null, null, cancellationToken))
            {
                foreach (var member in LenientObjectReader.ReadMembers(line.Content) ?? [])
                {
                    Add(member.Name, HistoryValueTypes.FromRawValue(member.RawValue), 1);
                }
            }
        }
        var keysJson = JsonRender.Object(order.Select(key => new RawMember(
            key,
            JsonRender.Quote(key),
            "{\"typeCounts\": " + JsonRender.Array(perKey[key].Select(t =>
                $"{{\"type\": {JsonRender.Quote(t.Key)}, \"count\": {t.Value}}}")) + "}")));
        return new RawJson($"{{\"keys\": {keysJson}, \"lastStep\": {lastStep ?? -1}}}");
    }

    private static string? Project(string content, IReadOnlyList<string> wanted)
    {
        var members = LenientObjectReader.ReadMembers(content);
        if (members is null)
        {
            return null;
        }
        var projected = new List<RawMember>(wanted.Count);
        foreach (var key in wanted)
        {
            var index = -1;
            for (var i = members.Count - 1; i >= 0; i--)
            {
                if (members[i].Name == key)
                {
                    index = i;
                    break;
                }
            }
            if (index < 0)
            {
                return null;
            }
            projected.Add(members[index]);
        }
        return JsonRender.Object(projected);
    }
}
