using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Worb.Api.GraphQL.Json;

namespace Worb.Api.GraphQL.Runs;

/// <summary>
/// A MongoDB-style run filter as the wandb public API sends it (<c>{"state": "finished", "config.lr": {"$gt": 0.01}}</c>):
/// operators <c>$eq $ne $gt $gte $lt $lte $in $nin $regex $exists $not</c> and <c>$and $or $nor $not</c>.
/// A field holding an array (tags) matches when any element does.
/// </summary>
public sealed class RunFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);
    private readonly JsonObject? _filter;

    private RunFilter(JsonObject? filter) => _filter = filter;

    public static RunFilter All { get; } = new(null);

    public static RunFilter Parse(string? json) => LenientJsonParser.Parse(json) is JsonObject obj ? new RunFilter(obj) : All;

    public bool Matches(RunDocument doc) => _filter is null || MatchesObject(doc, _filter);

    private static bool MatchesObject(RunDocument doc, JsonObject filter)
    {
        foreach (var (key, condition) in filter)
        {
            var ok = key switch
            {
                "$and" => condition is JsonArray all && all.All(c => c is JsonObject o && MatchesObject(doc, o)),
                "$or" => condition is JsonArray any && any.Any(c => c is JsonObject o && MatchesObject(doc, o)),
                "$nor" => condition is JsonArray none && !none.Any(c => c is JsonObject o && MatchesObject(doc, o)),
                "$not" => condition is JsonObject inner && !MatchesObject(doc, inner),
                _ => MatchesField(doc, key, condition),
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool MatchesField(RunDocument doc, string path, JsonNode? condition)
    {
        var found = RunFieldAccessor.TryGet(doc, path, out var value);
        if (condition is JsonObject ops && ops.Count > 0 && ops.All(p => p.Key.StartsWith('$')))
        {
            return ops.All(op => MatchesOperator(found, value, op.Key, op.Value, ops));
        }
        return EqualsCondition(value, condition);
    }

    private static bool MatchesOperator(bool found, JsonNode? value, string op, JsonNode? argument, JsonObject ops) => op switch
    {
        "$eq" => EqualsCondition(value, argument),
        "$ne" => !EqualsCondition(value, argument),
        "$gt" => AnyElement(value, v => JsonValues.Compare(v, argument) > 0),
        "$gte" => AnyElement(value, v => JsonValues.Compare(v, argument) >= 0),
        "$lt" => AnyElement(value, v => JsonValues.Compare(v, argument) < 0),
        "$lte" => AnyElement(value, v => JsonValues.Compare(v, argument) <= 0),
        "$in" => argument is JsonArray list && list.Any(item => EqualsCondition(value, item)),
        "$nin" => argument is not JsonArray list || !list.Any(item => EqualsCondition(value, item)),
        "$regex" => MatchesRegex(value, argument, ops["$options"]),
        "$exists" => JsonValues.TryBool(argument, out var wanted) ? wanted == (found && value is not null) : found,
        "$not" => argument is JsonObject inner
            ? !inner.All(p => MatchesOperator(found, value, p.Key, p.Value, inner))
            : !EqualsCondition(value, argument),
        _ => true,
    };

    /// <summary>Mongo equality: equal, or (for an array value) one element equal; null matches missing.</summary>
    private static bool EqualsCondition(JsonNode? value, JsonNode? argument)
    {
        if (JsonValues.AreEqual(value, argument))
        {
            return true;
        }
        return value is JsonArray array && argument is not JsonArray && array.Any(e => JsonValues.AreEqual(e, argument));
    }

    private static bool AnyElement(JsonNode? value, Func<JsonNode?, bool> predicate) =>
        predicate(value) || (value is JsonArray array && array.Any(predicate));

    private static bool MatchesRegex(JsonNode? value, JsonNode? pattern, JsonNode? options)
    {
        if (!JsonValues.TryString(pattern, out var text))
        {
            return false;
        }
        var regexOptions = RegexOptions.CultureInvariant;
        if (JsonValues.TryString(options, out var flags) && flags.Contains('i', StringComparison.Ordinal))
        {
            regexOptions |= RegexOptions.IgnoreCase;
        }
        try
        {
            var regex = new Regex(text, regexOptions, RegexTimeout);
            return AnyElement(value, v => JsonValues.TryString(v, out var s) && regex.IsMatch(s));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
