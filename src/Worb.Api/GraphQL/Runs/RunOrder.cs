using System.Text.Json.Nodes;

namespace Worb.Api.GraphQL.Runs;

/// <summary>
/// A run ordering: <c>+created_at</c>, <c>-summary_metrics.loss</c>, <c>+config.lr</c>, <c>-display_name</c>, ...
/// (default <c>-created_at</c>). Runs without a comparable value come last; ties go by creation.
/// </summary>
public sealed class RunOrder : IComparer<RunDocument>
{
    private readonly string _path;
    private readonly bool _descending;

    private RunOrder(string path, bool descending)
    {
        _path = path;
        _descending = descending;
    }

    public static RunOrder Parse(string? order)
    {
        var text = order?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new RunOrder("created_at", descending: true);
        }
        var descending = text[0] == '-';
        var path = text[0] is '-' or '+' ? text[1..] : text;
        return new RunOrder(path.Length == 0 ? "created_at" : path, descending);
    }

    public int Compare(RunDocument? x, RunDocument? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : 1) : -1;
        }
        int? primary = _path switch
        {
            "created_at" or "createdAt" => x.Run.CreatedAt.CompareTo(y.Run.CreatedAt),
            "updated_at" or "updatedAt" => x.Run.UpdatedAt.CompareTo(y.Run.UpdatedAt),
            "heartbeat_at" or "heartbeatAt" => x.Run.HeartbeatAt.CompareTo(y.Run.HeartbeatAt),
            _ => null,
        };
        if (primary is null)
        {
            var a = Value(x);
            var b = Value(y);
            var comparable = JsonValues.Compare(a, b);
            if (comparable is null)
            {
                var aHas = a is not null && JsonValues.Compare(a, a) is not null;
                var bHas = b is not null && JsonValues.Compare(b, b) is not null;
                if (aHas != bHas)
                {
                    return aHas ? -1 : 1;
                }
                primary = 0;
            }
            else
            {
                primary = comparable;
            }
        }
        var result = _descending ? -primary.Value : primary.Value;
        if (result != 0)
        {
            return result;
        }
        var tie = x.Run.CreatedAt.CompareTo(y.Run.CreatedAt);
        if (tie == 0)
        {
            tie = x.Run.Id.CompareTo(y.Run.Id);
        }
        return _descending ? -tie : tie;
    }

    private JsonNode? Value(RunDocument doc) => RunFieldAccessor.TryGet(doc, _path, out var value) ? value : null;
}
