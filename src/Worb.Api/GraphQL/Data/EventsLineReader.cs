using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads <c>events_lines</c>: the run's wandb-events.jsonl (system metrics) lines.</summary>
public sealed class EventsLineReader(WorbDatabase database)
{
    /// <summary>The last <paramref name="count"/> lines by offset, oldest first.</summary>
    public async Task<IReadOnlyList<string>> TailAsync(long runId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM events_lines WHERE run_id = $run ORDER BY line_no DESC LIMIT $count;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }
        lines.Reverse();
        return lines;
    }
}
