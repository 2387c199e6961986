using Microsoft.Extensions.Options;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Api.Dashboard;

/// <summary>One project on the projects page: how many runs, how many still running, when it was last active.</summary>
public sealed record DashboardProject(string Entity, string Name, double CreatedAt, long RunCount, long RunningCount, double LastActivity);

/// <summary>
/// Reads projects with their run counts and last activity, most recently active first. A running run whose client
/// has been silent past the heartbeat timeout is shown as crashed (as <c>RunStateView</c> does), so it is not counted
/// as running.
/// </summary>
public sealed class DashboardProjectReader(WorbDatabase database, IOptions<WorbOptions> options, TimeProvider clock)
{
    public async IAsyncEnumerable<DashboardProject> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.entity, p.name, p.created_at, COUNT(r.id),
                   COALESCE(SUM(r.state = 'running' AND r.heartbeat_at >= $alive_since), 0),
                   MAX(p.created_at, COALESCE(MAX(r.updated_at), 0), COALESCE(MAX(r.heartbeat_at), 0)) AS last_activity
            FROM projects p LEFT JOIN runs r ON r.project_id = p.id
            GROUP BY p.id
            ORDER BY last_activity DESC, p.entity, p.name;
            """;
        command.Parameters.AddWithValue("$alive_since",
            clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 - options.Value.HeartbeatTimeoutSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DashboardProject(
                reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5));
        }
    }
}
