using Worb.Api.GraphQL.Models;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads <c>alerts</c>: the run's <c>wandb.alert()</c> calls, oldest first.</summary>
public sealed class AlertReader(WorbDatabase database)
{
    public async Task<IReadOnlyList<AlertNode>> ListAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT title, text, severity, wait_duration_ms, created_at FROM alerts WHERE run_id = $run ORDER BY id;
            """;
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<AlertNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new AlertNode(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetDouble(4)));
        }
        return alerts;
    }
}
