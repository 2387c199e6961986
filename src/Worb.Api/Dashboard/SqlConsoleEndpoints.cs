using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>The SQL console's request body.</summary>
public sealed record SqlConsoleRequest(string? Sql);

/// <summary>
/// <c>POST /api/sql</c> with <c>{"sql": "SELECT ..."}</c>: answers NDJSON — <c>{"columns": [...]}</c>, one JSON array
/// per row, then <c>{"rows": n, "truncated": bool, "elapsedMs": ms}</c> (or <c>{"error": ...}</c> if the statement
/// fails or runs out of time midway). A statement that would write, attach or load anything is refused with 400.
/// </summary>
internal static class SqlConsoleEndpoints
{
    private const int MaxCellChars = 100_000;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapDashboardSql(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sql", RunAsync);
        return app;
    }

    private static async Task RunAsync(
        HttpContext context, SqlConsoleRequest? body, SqlConsole console, IStoreBarrier barrier, ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        if (string.IsNullOrWhiteSpace(body?.Sql))
        {
            await ApiProblem.BadRequest("Send {\"sql\": \"SELECT ...\"}.").ExecuteAsync(context);
            return;
        }
        await barrier.FlushAllAsync(cancellationToken); // the query sees every acknowledged row
        SqlConsoleQuery query;
        try
        {
            query = await console.StartAsync(body.Sql, cancellationToken);
        }
        catch (SqliteException e)
        {
            await ApiProblem.BadRequest(Explain(e)).ExecuteAsync(context);
            return;
        }
        await using (query)
        {
            var response = context.Response;
            response.ContentType = "application/x-ndjson; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await WriteLineAsync(response, new { columns = query.Columns }, cancellationToken);
            var rows = 0;
            var truncated = false;
            try
            {
                var cells = new object?[query.Columns.Count];
                while (await query.Reader.ReadAsync(cancellationToken))
                {
                    if (rows == SqlConsole.MaxRows)
                    {
                        truncated = true;
                        break;
                    }
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = Cell(query.Reader, i);
                    }
                    await WriteLineAsync(response, cells, cancellationToken);
                    rows++;
                }
                await WriteLineAsync(response, new { rows, truncated, elapsedMs = query.Elapsed.TotalMilliseconds }, cancellationToken);
            }
            catch (SqliteException e)
            {
                await WriteLineAsync(response, new { error = Explain(e), rows }, cancellationToken);
            }
            loggers.CreateLogger(typeof(SqlConsoleEndpoints)).LogInformation(
                "SQL console answered {Rows} rows in {ElapsedMs} ms", rows, query.Elapsed.TotalMilliseconds);
        }
    }

    private static string Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        23 => "Refused: the SQL console is read-only (only SELECT and schema-reading PRAGMAs; no writes, ATTACH or extensions).",
        9 => $"Interrupted: the statement ran longer than {SqlConsole.TimeLimit.TotalSeconds:0} s.",
        _ => e.Message,
    };

    private static object? Cell(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        return reader.GetValue(ordinal) switch
        {
            double d when !double.IsFinite(d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            byte[] blob => $"<blob {blob.Length} bytes>",
            string text when text.Length > MaxCellChars => text[..MaxCellChars] + "…",
            var value => value,
        };
    }

    private static async Task WriteLineAsync<T>(HttpResponse response, T value, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, value, DashboardJson.Options, cancellationToken);
        await response.Body.WriteAsync(NewLine, cancellationToken);
    }
}
