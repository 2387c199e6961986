using Microsoft.Data.Sqlite;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads <c>history_lines</c>: the run's wandb-history.jsonl lines, verbatim.</summary>
public sealed class HistoryLineReader(WorbDatabase database)
{
    /// <summary>Bounds bound as plain numbers (no <c>IS NULL OR</c>), so the step index's range is used.</summary>
    private const string RangeFilter = "run_id = $run AND step >= $min AND step < $max";

    /// <summary>The lines with <paramref name="minStep"/> &lt;= step &lt; <paramref name="maxStep"/>, by step.</summary>
    public async Task<IReadOnlyList<HistoryLine>> ReadRangeAsync(
        long runId, long? minStep, long? maxStep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT line_no, step, content FROM history_lines WHERE {RangeFilter} ORDER BY step, line_no;";
        AddRange(command, runId, minStep, maxStep);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<HistoryLine>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new HistoryLine(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return lines;
    }

    /// <summary>The line numbers in the step range, by step (cheap: no contents).</summary>
    public async Task<IReadOnlyList<long>> ReadLineNumbersAsync(
        long runId, long? minStep, long? maxStep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT line_no FROM history_lines WHERE {RangeFilter} ORDER BY step, line_no;";
        AddRange(command, runId, minStep, maxStep);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var numbers = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt64(0));
        }
        return numbers;
    }

    /// <summary>The lines at the given steps (ascending, distinct), by step then offset.</summary>
    public async Task<IReadOnlyList<HistoryLine>> ReadAtStepsAsync(
        long runId, IReadOnlyList<long> steps, CancellationToken cancellationToken)
    {
        const int chunkSize = 500;
        var lines = new List<HistoryLine>(steps.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var start = 0; start < steps.Count; start += chunkSize)
        {
            var count = Math.Min(chunkSize, steps.Count - start);
            await using var command = connection.CreateCommand();
            var names = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                names.Add("$s" + i);
                command.Parameters.AddWithValue("$s" + i, steps[start + i]);
            }
            command.Parameters.AddWithValue("$run", runId);
            command.CommandText =
                $"SELECT line_no, step, content FROM history_lines WHERE run_id = $run AND step IN ({string.Join(',', names)}) ORDER BY step, line_no;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(new HistoryLine(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }
        return lines;
    }

    /// <summary>The contents of the given lines, in the order given.</summary>
    public async Task<IReadOnlyList<string>> ReadContentsAsync(
        long runId, IReadOnlyList<long> lineNumbers, CancellationToken cancellationToken)
    {
        const int chunkSize = 500;
        var contents = new Dictionary<long, string>(lineNumbers.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var start = 0; start < lineNumbers.Count; start += chunkSize)
        {
            var chunk = lineNumbers.Skip(start).Take(chunkSize).ToList();
            await using var command = connection.CreateCommand();
            var names = new List<string>(chunk.Count);
            for (var i = 0; i < chunk.Count; i++)
            {
                names.Add("$l" + i);
                command.Parameters.AddWithValue("$l" + i, chunk[i]);
            }
            command.Parameters.AddWithValue("$run", runId);
            command.CommandText =
                $"SELECT line_no, content FROM history_lines WHERE run_id = $run AND line_no IN ({string.Join(',', names)});";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                contents[reader.GetInt64(0)] = reader.GetString(1);
            }
        }
        return lineNumbers.Where(contents.ContainsKey).Select(n => contents[n]).ToList();
    }

    /// <summary>The last <paramref name="count"/> lines by offset, oldest first.</summary>
    public Task<IReadOnlyList<string>> TailAsync(long runId, int count, CancellationToken cancellationToken) =>
        LineTail.ReadAsync(database, "history_lines", runId, count, cancellationToken);

    /// <summary>The largest step, or null when the run has no history.</summary>
    public async Task<long?> LastStepAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(step) FROM history_lines WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddRange(SqliteCommand command, long runId, long? minStep, long? maxStep)
    {
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$min", minStep ?? long.MinValue);
        // No upper bound: a value above every step (REAL compares with INTEGER numerically in SQLite).
        command.Parameters.AddWithValue("$max", maxStep is { } max ? max : double.PositiveInfinity);
    }
}
