using Microsoft.Data.Sqlite;
using Worb.Api.GraphQL.Models;
using Worb.Grains.Storage;

namespace Worb.Api.GraphQL.Data;

/// <summary>Reads rows of <c>projects</c>.</summary>
public sealed class ProjectReader(WorbDatabase database)
{
    public async Task<ProjectNode?> GetAsync(string entity, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, entity, name, created_at FROM projects WHERE entity = $entity AND name = $name;";
        command.Parameters.AddWithValue("$entity", entity);
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    /// <summary>The entity's projects, by name.</summary>
    public async Task<IReadOnlyList<ProjectNode>> ListAsync(string entity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, entity, name, created_at FROM projects WHERE entity = $entity ORDER BY name, id;";
        command.Parameters.AddWithValue("$entity", entity);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var projects = new List<ProjectNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(Map(reader));
        }
        return projects;
    }

    private static ProjectNode Map(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3));
}
