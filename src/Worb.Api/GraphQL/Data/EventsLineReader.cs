using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads <c>events_lines</c>: the run's wandb-events.jsonl (system metrics) lines.</summary>
public sealed class EventsLineReader(WorbDatabase database)
{
    /// <summary>The last <paramref name="count"/> lines by offset, oldest first.</summary>
    public Task<IReadOnlyList<string>> TailAsync(long runId, int count, CancellationToken cancellationToken) =>
        LineTail.ReadAsync(database, "events_lines", runId, count, cancellationToken);
}
