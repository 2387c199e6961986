using System.Globalization;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL;

/// <summary>Cursor pagination over an already ordered list; cursors are opaque positions.</summary>
public static class Paging
{
    public static Connection<T> Page<T>(IReadOnlyList<T> items, string? after, int? first)
    {
        var start = DecodeCursor(after);
        var take = first is null or < 0 ? int.MaxValue : first.Value;
        var edges = new List<Edge<T>>();
        for (var i = start; i < items.Count && edges.Count < take; i++)
        {
            edges.Add(new Edge<T>(items[i], EncodeCursor(i + 1)));
        }
        return new Connection<T>(edges, start + edges.Count < items.Count);
    }

    /// <summary>The number of items before the cursor's position (0 for none or an unreadable cursor).</summary>
    public static int DecodeCursor(string? cursor)
    {
        var text = GraphIds.TryDecode(cursor);
        if (text is null || !text.StartsWith("cursor:", StringComparison.Ordinal))
        {
            return 0;
        }
        return int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : 0;
    }

    public static string EncodeCursor(int position) =>
        GraphIds.Encode("cursor:" + position.ToString(CultureInfo.InvariantCulture));
}
