using SQLitePCL;

namespace Worb.Api.Dashboard;

/// <summary>
/// The SQL console's SQLite authorizer (<c>sqlite3_set_authorizer</c>): consulted for every statement while it is
/// prepared, it allows only reading — SELECT, reading columns, functions other than <c>load_extension</c>, recursive
/// CTEs and schema-describing PRAGMAs (<c>table_info(t)</c>, or reading ones without an argument) — and denies everything else (INSERT, UPDATE, DELETE,
/// CREATE, DROP, ALTER, ATTACH, DETACH, transactions, PRAGMA writes such as <c>writable_schema = ON</c>, ...).
/// </summary>
internal static class ReadOnlySqlAuthorizer
{
    // Action codes from sqlite3.h.
    private const int Pragma = 19;
    private const int Read = 20;
    private const int Select = 21;
    private const int Function = 31;
    private const int Recursive = 33;

    /// <summary>PRAGMAs whose argument names a table or index to describe.</summary>
    private static readonly HashSet<string> DescribingPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    };

    /// <summary>PRAGMAs that only read when given no argument (with one, some of them would set).</summary>
    private static readonly HashSet<string> ReadingPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "database_list", "function_list", "pragma_list", "collation_list", "user_version", "schema_version",
        "page_count", "page_size", "freelist_count", "journal_mode", "compile_options", "encoding",
    };

    public static void Install(sqlite3 handle)
    {
        var status = raw.sqlite3_set_authorizer(handle, Authorize, null);
        if (status != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"sqlite3_set_authorizer failed with status {status}.");
        }
    }

    private static int Authorize(object userData, int action, utf8z first, utf8z second, utf8z database, utf8z trigger) =>
        IsAllowed(action, first.utf8_to_string(), second.utf8_to_string()) ? raw.SQLITE_OK : raw.SQLITE_DENY;

    internal static bool IsAllowed(int action, string? first, string? second) => action switch
    {
        Select or Read or Recursive => true,
        Function => !string.Equals(second, "load_extension", StringComparison.OrdinalIgnoreCase),
        Pragma => first is not null && (DescribingPragmas.Contains(first) || (second is null && ReadingPragmas.Contains(first))),
        _ => false,
    };
}
