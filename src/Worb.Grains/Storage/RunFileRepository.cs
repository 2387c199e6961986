namespace Worb.Grains.Storage;

/// <summary>Which run files exist and which blob holds each (the <c>run_files</c> table).</summary>
public sealed class RunFileRepository(WorbDatabase database, TimeProvider clock)
{
    public async Task SaveAsync(long runId, string name, StoredBlob blob, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO run_files (run_id, name, sha256, md5, size, updated_at) VALUES ($run, $name, $sha, $md5, $size, $now)
            ON CONFLICT (run_id, name) DO UPDATE SET
                sha256 = excluded.sha256, md5 = excluded.md5, size = excluded.size, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$sha", blob.Sha256);
        command.Parameters.AddWithValue("$md5", blob.Md5Base64);
        command.Parameters.AddWithValue("$size", blob.Size);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The blob of a run's file, or null.</summary>
    public async Task<RunFileBlob?> FindAsync(string entity, string project, string run, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.sha256, f.size FROM run_files f
            JOIN runs r ON r.id = f.run_id JOIN projects p ON p.id = r.project_id
            WHERE p.entity = $entity AND p.name = $project AND r.name = $run AND f.name = $name;
            """;
        command.Parameters.AddWithValue("$entity", entity);
        command.Parameters.AddWithValue("$project", project);
        command.Parameters.AddWithValue("$run", run);
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RunFileBlob(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Whether a run with this store id exists.</summary>
    public async Task<bool> RunExistsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM runs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}

public sealed record RunFileBlob(string Sha256, long Size);
