using System.Runtime.CompilerServices;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>One console line: its output.log offset, stream (0 stdout, 1 stderr) and text.</summary>
public sealed record ConsoleLogLine(long Line, int Stream, string Text);

/// <summary>Reads <c>log_lines</c> after a cursor (the last line number the page has), optionally only lines containing a text.</summary>
public sealed class ConsoleLogReader(WorbDatabase database)
{
    public async IAsyncEnumerable<ConsoleLogLine> ReadAsync(
        long runId, long after, int limit, string? contains, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = contains is null
            ? "SELECT line_no, stream, content FROM log_lines WHERE run_id = $run AND line_no > $after ORDER BY line_no LIMIT $limit;"
            : """
              SELECT line_no, stream, content FROM log_lines
              WHERE run_id = $run AND line_no > $after AND instr(lower(content), lower($contains)) > 0
              ORDER BY line_no LIMIT $limit;
              """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        if (contains is not null)
        {
            command.Parameters.AddWithValue("$contains", contains);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ConsoleLogLine(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2));
        }
    }
}
