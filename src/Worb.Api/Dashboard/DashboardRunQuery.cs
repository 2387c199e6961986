using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Worb.Api.Dashboard;

/// <summary>
/// The runs table's filter and order, from the query string: <c>state=running,finished</c>, <c>tag=a</c>,
/// <c>q=text</c> (name, display name, group, job type, tags), <c>config=lr:0.1</c> (repeatable), and
/// <c>sort=created|name|runtime|state|config.KEY|summary.KEY</c> with <c>order=asc|desc</c>.
/// </summary>
public sealed record DashboardRunQuery(
    IReadOnlySet<string> States,
    string? Tag,
    string? Text,
    IReadOnlyList<KeyValuePair<string, string>> Config,
    string Sort,
    bool Descending)
{
    public static bool TryParse(IQueryCollection query, out DashboardRunQuery parsed, out string? error)
    {
        parsed = null!;
        var config = new List<KeyValuePair<string, string>>();
        foreach (var item in query["config"])
        {
            var colon = item?.IndexOf(':') ?? -1;
            if (item is null || colon <= 0)
            {
                error = $"config filter '{item}' must be 'key:value'.";
                return false;
            }
            config.Add(new(item[..colon], item[(colon + 1)..]));
        }
        var order = query["order"].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            error = "order must be 'asc' or 'desc'.";
            return false;
        }
        var sort = query["sort"].ToString();
        if (sort is "")
        {
            sort = "created";
        }
        if (sort is not ("created" or "name" or "runtime" or "state")
            && !sort.StartsWith("config.", StringComparison.Ordinal) && !sort.StartsWith("summary.", StringComparison.Ordinal))
        {
            error = "sort must be created, name, runtime, state, config.KEY or summary.KEY.";
            return false;
        }
        var states = query["state"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        parsed = new DashboardRunQuery(
            states,
            NullIfEmpty(query["tag"].ToString()),
            NullIfEmpty(query["q"].ToString()),
            config,
            sort,
            order is "desc" || (order is "" && sort is "created"));
        error = null;
        return true;
    }

    public bool Matches(DashboardRun run)
    {
        if (States.Count > 0 && !States.Contains(run.State))
        {
            return false;
        }
        if (Tag is not null && !run.Tags.Contains(Tag, StringComparer.Ordinal))
        {
            return false;
        }
        if (Text is not null && !Searchable(run).Any(s => s?.Contains(Text, StringComparison.OrdinalIgnoreCase) == true))
        {
            return false;
        }
        return Config.All(filter => string.Equals(PlainText(run.Config[filter.Key]), filter.Value, StringComparison.Ordinal));
    }

    public IEnumerable<DashboardRun> Order(IEnumerable<DashboardRun> runs)
    {
        var direction = Descending ? -1 : 1;
        return runs.OrderBy(SortValue, Comparer<object?>.Create((a, b) => a is null || b is null ? CompareValues(a, b) : direction * CompareValues(a, b)));
    }

    private object? SortValue(DashboardRun run) => Sort switch
    {
        "created" => run.CreatedAt,
        "name" => run.DisplayName,
        "runtime" => run.RuntimeSeconds,
        "state" => run.State,
        _ when Sort.StartsWith("config.", StringComparison.Ordinal) => Scalar(run.Config[Sort["config.".Length..]]),
        _ => Scalar(run.Summary[Sort["summary.".Length..]]),
    };

    /// <summary>Numbers before text, nulls last; numbers by value, text ordinally.</summary>
    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (double x, double y) => x.CompareTo(y),
        (double, _) => -1,
        (_, double) => 1,
        _ => string.CompareOrdinal(a.ToString(), b.ToString()),
    };

    private static object? Scalar(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number)
        ? number
        : PlainText(node);

    private static string? PlainText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static IEnumerable<string?> Searchable(DashboardRun run) =>
        [run.Name, run.DisplayName, run.Group, run.JobType, .. run.Tags];

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
