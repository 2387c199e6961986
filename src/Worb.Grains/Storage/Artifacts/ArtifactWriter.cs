using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// Writes artifact metadata: creation (with digest de-duplication), announced files (with per-collection MD5
/// de-duplication), stored uploads, commit (version number, aliases, manifest entries) and use (lineage).
/// Every change is one SQLite transaction; a commit checks that every file it lists is stored.
/// </summary>
public sealed class ArtifactWriter(WorbDatabase database, ArtifactReader reader, BlobStore blobs, TimeProvider clock, ILogger<ArtifactWriter> logger)
{
    public async Task<CreateArtifactOutcome> CreateAsync(CreateArtifactRequest request, CancellationToken cancellationToken)
    {
        var now = Now();
        long artifactId;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            var projectId = await ScalarAsync(connection, transaction, """
                INSERT INTO projects (entity, name, created_at) VALUES ($entity, $project, $now) ON CONFLICT (entity, name) DO NOTHING;
                SELECT id FROM projects WHERE entity = $entity AND name = $project;
                """, cancellationToken, ("$entity", request.Entity), ("$project", request.Project), ("$now", now));
            long? runId = null;
            if (!string.IsNullOrEmpty(request.RunName))
            {
                runId = await NullableScalarAsync(connection, transaction, "SELECT id FROM runs WHERE project_id = $project AND name = $run;",
                    cancellationToken, ("$project", projectId), ("$run", request.RunName))
                    ?? throw new ArtifactException($"Run {request.Entity}/{request.Project}/{request.RunName} does not exist; create it with UpsertBucket first.");
            }
            var typeId = await ScalarAsync(connection, transaction, """
                INSERT INTO artifact_types (project_id, name, created_at) VALUES ($project, $name, $now) ON CONFLICT (project_id, name) DO NOTHING;
                SELECT id FROM artifact_types WHERE project_id = $project AND name = $name;
                """, cancellationToken, ("$project", projectId), ("$name", request.TypeName), ("$now", now));
            var collectionId = await ScalarAsync(connection, transaction, """
                INSERT INTO artifact_collections (project_id, type_id, name, description, created_at) VALUES ($project, $type, $name, $description, $now)
                ON CONFLICT (project_id, name) DO NOTHING;
                SELECT id FROM artifact_collections WHERE project_id = $project AND name = $name;
                """, cancellationToken, ("$project", projectId), ("$type", typeId), ("$name", request.CollectionName), ("$description", request.Description), ("$now", now));
            var collectionType = await ScalarAsync(connection, transaction, "SELECT type_id FROM artifact_collections WHERE id = $id;",
                cancellationToken, ("$id", collectionId));
            if (collectionType != typeId)
            {
                var existingType = await TextAsync(connection, transaction, "SELECT name FROM artifact_types WHERE id = $id;", cancellationToken, ("$id", collectionType));
                throw new ArtifactException(
                    $"Artifact '{request.CollectionName}' in {request.Entity}/{request.Project} has type '{existingType}', not '{request.TypeName}'.");
            }
            if (!string.IsNullOrEmpty(request.SequenceClientId))
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO artifact_collection_client_ids (client_id, collection_id) VALUES ($client, $collection) ON CONFLICT (client_id) DO NOTHING;",
                    cancellationToken, ("$client", request.SequenceClientId), ("$collection", collectionId));
            }

            var existing = request.DeduplicateByDigest
                ? await NullableScalarAsync(connection, transaction, """
                    SELECT id FROM artifacts WHERE collection_id = $collection AND digest = $digest AND state = 'COMMITTED'
                    ORDER BY version_index DESC LIMIT 1;
                    """, cancellationToken, ("$collection", collectionId), ("$digest", request.Digest))
                : null;
            if (existing is { } sameDigest)
            {
                // Logged again with identical contents: the existing version answers, and takes the new user aliases.
                artifactId = sameDigest;
                await ApplyAliasesAsync(connection, transaction, collectionId, artifactId, request.Aliases.Where(a => a != ArtifactName.Latest), cancellationToken);
            }
            else
            {
                artifactId = await ScalarAsync(connection, transaction, """
                    INSERT INTO artifacts (collection_id, state, digest, description, metadata, created_by_run_id, history_step, aliases_requested, created_at, updated_at)
                    VALUES ($collection, 'PENDING', $digest, $description, $metadata, $run, $step, $aliases, $now, $now);
                    SELECT last_insert_rowid();
                    """, cancellationToken, ("$collection", collectionId), ("$digest", request.Digest), ("$description", request.Description),
                    ("$metadata", request.Metadata), ("$run", runId), ("$step", request.HistoryStep),
                    ("$aliases", JsonSerializer.Serialize(request.Aliases.Distinct().ToArray())), ("$now", now));
            }
            if (!string.IsNullOrEmpty(request.ClientId))
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO artifact_client_ids (client_id, artifact_id) VALUES ($client, $artifact)
                    ON CONFLICT (client_id) DO UPDATE SET artifact_id = excluded.artifact_id;
                    """, cancellationToken, ("$client", request.ClientId), ("$artifact", artifactId));
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var artifact = await reader.GetAsync(artifactId, cancellationToken)
            ?? throw new InvalidOperationException($"Artifact {artifactId} vanished right after it was written.");
        var latest = await reader.LatestAsync(artifact.CollectionId, cancellationToken);
        logger.LogInformation("CreateArtifact {Collection} ({Type}) in {Entity}/{Project}: artifact {ArtifactId} {State}, digest {Digest}",
            artifact.CollectionName, artifact.TypeName, artifact.Entity, artifact.Project, artifact.Id, artifact.State, artifact.Digest);
        return new CreateArtifactOutcome(artifact, latest);
    }

    /// <summary>
    /// Records announced files. A file whose MD5 is already stored by a committed version of the same collection needs
    /// no upload: it is answered with that version as its birth artifact.
    /// </summary>
    public async Task<IReadOnlyList<ArtifactFilePlan>> AddFilesAsync(IReadOnlyList<ArtifactFileSpec> files, CancellationToken cancellationToken)
    {
        var plans = new List<ArtifactFilePlan>(files.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var collections = new Dictionary<long, long>();
        foreach (var file in files)
        {
            if (!ArtifactPaths.IsValid(file.Name, out var pathError))
            {
                throw new ArtifactException($"Artifact file '{file.Name}': {pathError}.");
            }
            if (!Md5.IsBase64Md5(file.Md5Base64))
            {
                throw new ArtifactException($"Artifact file '{file.Name}': md5 '{file.Md5Base64}' is not a base64 MD5 digest.");
            }
            if (!collections.TryGetValue(file.ArtifactId, out var collectionId))
            {
                collectionId = await PendingCollectionAsync(connection, transaction, file.ArtifactId, cancellationToken);
                collections[file.ArtifactId] = collectionId;
            }
            long? birth = null;
            string? sha256 = null;
            long? size = null;
            await using (var find = Command(connection, transaction, """
                SELECT f.birth_artifact_id, f.sha256, f.size FROM artifact_files f JOIN artifacts a ON a.id = f.artifact_id
                WHERE f.md5 = $md5 AND f.sha256 IS NOT NULL
                  AND ((a.collection_id = $collection AND a.state = 'COMMITTED') OR (a.id = $artifact AND f.name = $name))
                ORDER BY a.id = $artifact DESC, a.version_index LIMIT 1;
                """, ("$md5", file.Md5Base64), ("$collection", collectionId), ("$artifact", file.ArtifactId), ("$name", file.Name)))
            await using (var found = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await found.ReadAsync(cancellationToken))
                {
                    birth = found.GetInt64(0);
                    sha256 = found.GetString(1);
                    size = found.GetInt64(2);
                }
            }
            await ExecuteAsync(connection, transaction, """
                INSERT INTO artifact_files (artifact_id, name, md5, birth_artifact_id, sha256, size) VALUES ($artifact, $name, $md5, $birth, $sha, $size)
                ON CONFLICT (artifact_id, name) DO UPDATE SET
                    md5 = excluded.md5, birth_artifact_id = excluded.birth_artifact_id, sha256 = excluded.sha256, size = excluded.size;
                """, cancellationToken, ("$artifact", file.ArtifactId), ("$name", file.Name), ("$md5", file.Md5Base64),
                ("$birth", birth ?? file.ArtifactId), ("$sha", sha256), ("$size", size));
            plans.Add(new ArtifactFilePlan(file.ArtifactId, file.Name, file.Md5Base64, birth ?? file.ArtifactId, sha256 is null));
        }
        await transaction.CommitAsync(cancellationToken);
        return plans;
    }

    /// <summary>The base64 MD5 the client announced for a file of a pending artifact, or null when it announced none.</summary>
    public async Task<string?> ExpectedFileMd5Async(long artifactId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT f.md5 FROM artifact_files f JOIN artifacts a ON a.id = f.artifact_id
            WHERE f.artifact_id = $artifact AND f.name = $name AND a.state = 'PENDING';
            """, ("$artifact", artifactId), ("$name", name));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Records the stored bytes of an announced file.</summary>
    public async Task StoreFileAsync(long artifactId, string name, StoredBlob blob, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await ExecuteAsync(connection, null, """
            UPDATE artifact_files SET sha256 = $sha, size = $size, birth_artifact_id = $artifact
            WHERE artifact_id = $artifact AND name = $name AND md5 = $md5;
            """, cancellationToken, ("$artifact", artifactId), ("$name", name), ("$sha", blob.Sha256), ("$size", blob.Size), ("$md5", blob.Md5Base64));
        if (updated == 0)
        {
            throw new ArtifactException($"Artifact file '{name}' was not announced with these bytes' MD5 by CreateArtifactFiles.");
        }
    }

    /// <summary>Remembers the base64 MD5 the manifest upload must have (empty: not known yet).</summary>
    public async Task SetManifestDigestAsync(long artifactId, string? md5Base64, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await PendingCollectionAsync(connection, transaction, artifactId, cancellationToken);
        if (!string.IsNullOrEmpty(md5Base64))
        {
            if (!Md5.IsBase64Md5(md5Base64))
            {
                throw new ArtifactException($"The manifest digest '{md5Base64}' is not a base64 MD5 digest.");
            }
            await ExecuteAsync(connection, transaction, "UPDATE artifacts SET manifest_md5 = $md5, updated_at = $now WHERE id = $id;",
                cancellationToken, ("$md5", md5Base64), ("$now", Now()), ("$id", artifactId));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records the stored manifest of a pending artifact.</summary>
    public async Task StoreManifestAsync(long artifactId, StoredBlob blob, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await ExecuteAsync(connection, null,
            "UPDATE artifacts SET manifest_sha256 = $sha, updated_at = $now WHERE id = $id AND state = 'PENDING';",
            cancellationToken, ("$sha", blob.Sha256), ("$now", Now()), ("$id", artifactId));
        if (updated == 0)
        {
            throw new ArtifactException($"Artifact {artifactId} is not pending; its manifest can no longer change.");
        }
    }

    /// <summary>
    /// Commits a pending artifact: every announced file and the manifest must be stored, and every local file the
    /// manifest lists must be stored for this artifact or an earlier one. Gives the next version number, moves
    /// <c>latest</c> and the requested aliases to it. Committing a committed artifact again changes nothing.
    /// </summary>
    public async Task<ArtifactRow> CommitAsync(long artifactId, CancellationToken cancellationToken)
    {
        var artifact = await reader.GetAsync(artifactId, cancellationToken)
            ?? throw new ArtifactException($"Artifact {artifactId} does not exist.");
        if (artifact.IsCommitted)
        {
            return artifact;
        }
        var entries = await ReadManifestAsync(artifact, cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            var missing = new List<string>();
            await using (var notUploaded = Command(connection, transaction,
                "SELECT name FROM artifact_files WHERE artifact_id = $id AND sha256 IS NULL ORDER BY name;", ("$id", artifactId)))
            await using (var rows = await notUploaded.ExecuteReaderAsync(cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    missing.Add(rows.GetString(0));
                }
            }
            var stored = new List<(ManifestEntry Entry, long? Birth, string? Sha256)>();
            foreach (var entry in entries)
            {
                if (entry.Ref is not null)
                {
                    stored.Add((entry, null, null));
                    continue;
                }
                await using var find = Command(connection, transaction, """
                    SELECT f.birth_artifact_id, f.sha256 FROM artifact_files f JOIN artifacts a ON a.id = f.artifact_id
                    WHERE f.md5 = $md5 AND f.sha256 IS NOT NULL
                      AND ((f.artifact_id = $id AND f.name = $name) OR (a.collection_id = $collection AND a.state = 'COMMITTED'))
                    ORDER BY f.artifact_id = $id DESC LIMIT 1;
                    """, ("$md5", entry.Digest), ("$id", artifactId), ("$name", entry.Path), ("$collection", artifact.CollectionId));
                await using var found = await find.ExecuteReaderAsync(cancellationToken);
                if (await found.ReadAsync(cancellationToken))
                {
                    stored.Add((entry, found.GetInt64(0), found.GetString(1)));
                }
                else
                {
                    missing.Add(entry.Path);
                }
            }
            if (missing.Count > 0)
            {
                throw new ArtifactException(
                    $"Artifact {artifact.CollectionName} ({artifactId}) cannot be committed: these files were never uploaded: {string.Join(", ", missing.Distinct())}.");
            }

            var version = await ScalarAsync(connection, transaction,
                "SELECT COALESCE(MAX(version_index) + 1, 0) FROM artifacts WHERE collection_id = $collection;",
                cancellationToken, ("$collection", artifact.CollectionId));
            await ExecuteAsync(connection, transaction, """
                UPDATE artifacts SET state = 'COMMITTED', version_index = $version, size = $size, file_count = $count, updated_at = $now
                WHERE id = $id;
                """, cancellationToken, ("$version", version), ("$size", entries.Sum(e => e.Size)), ("$count", entries.Count), ("$now", Now()), ("$id", artifactId));
            foreach (var (entry, birth, sha256) in stored)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO artifact_manifest_entries (artifact_id, path, digest, size, ref, birth_artifact_id, sha256)
                    VALUES ($id, $path, $digest, $size, $ref, $birth, $sha);
                    """, cancellationToken, ("$id", artifactId), ("$path", entry.Path), ("$digest", entry.Digest), ("$size", entry.Size),
                    ("$ref", entry.Ref), ("$birth", birth), ("$sha", sha256));
            }
            var requested = await TextAsync(connection, transaction, "SELECT aliases_requested FROM artifacts WHERE id = $id;",
                cancellationToken, ("$id", artifactId));
            var aliases = (JsonSerializer.Deserialize<string[]>(requested ?? "[]") ?? []).Append(ArtifactName.Latest);
            await ApplyAliasesAsync(connection, transaction, artifact.CollectionId, artifactId, aliases, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var committed = await reader.GetAsync(artifactId, cancellationToken)
            ?? throw new InvalidOperationException($"Artifact {artifactId} vanished right after its commit.");
        logger.LogInformation("Committed artifact {Collection}:{Version} ({ArtifactId}) in {Entity}/{Project}: {Files} files, {Size} bytes",
            committed.CollectionName, committed.VersionAlias, committed.Id, committed.Entity, committed.Project, committed.FileCount, committed.Size);
        return committed;
    }

    /// <summary>Records that a run used a committed artifact (its input).</summary>
    public async Task UseAsync(long artifactId, string entity, string project, string runName, string? usedAs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var state = await TextAsync(connection, transaction, "SELECT state FROM artifacts WHERE id = $id;", cancellationToken, ("$id", artifactId))
            ?? throw new ArtifactException($"Artifact {artifactId} does not exist.");
        if (state != ArtifactStates.Committed)
        {
            throw new ArtifactException($"Artifact {artifactId} is not committed yet and cannot be used.");
        }
        var runId = await NullableScalarAsync(connection, transaction, """
            SELECT r.id FROM runs r JOIN projects p ON p.id = r.project_id WHERE p.entity = $entity AND p.name = $project AND r.name = $run;
            """, cancellationToken, ("$entity", entity), ("$project", project), ("$run", runName))
            ?? throw new ArtifactException($"Run {entity}/{project}/{runName} does not exist; create it with UpsertBucket first.");
        await ExecuteAsync(connection, transaction, """
            INSERT INTO artifact_usages (artifact_id, run_id, used_as, used_at) VALUES ($artifact, $run, $usedAs, $now)
            ON CONFLICT (artifact_id, run_id) DO UPDATE SET used_as = COALESCE(excluded.used_as, used_as);
            """, cancellationToken, ("$artifact", artifactId), ("$run", runId), ("$usedAs", usedAs), ("$now", Now()));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes the artifacts still pending that were created before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeletePendingAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM artifacts WHERE state = 'PENDING' AND created_at < $cutoff;",
            cancellationToken, ("$cutoff", cutoff.ToUnixTimeMilliseconds() / 1000.0));
    }

    private async Task<IReadOnlyList<ManifestEntry>> ReadManifestAsync(ArtifactRow artifact, CancellationToken cancellationToken)
    {
        var stream = artifact.ManifestSha256 is null ? null : blobs.OpenRead(artifact.ManifestSha256);
        if (stream is null)
        {
            throw new ArtifactException(
                $"Artifact {artifact.CollectionName} ({artifact.Id}) cannot be committed: its manifest was never uploaded.");
        }
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return ArtifactManifestParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
    }

    private static async Task ApplyAliasesAsync(
        SqliteConnection connection, SqliteTransaction transaction, long collectionId, long artifactId, IEnumerable<string> aliases, CancellationToken cancellationToken)
    {
        foreach (var alias in aliases.Distinct())
        {
            if (string.IsNullOrWhiteSpace(alias) || ArtifactName.TryParseVersion(alias, out _) || alias.Contains(':') || alias.Contains('/'))
            {
                continue; // version aliases are derived from the version number; others cannot be written in a name
            }
            await ExecuteAsync(connection, transaction, """
                INSERT INTO artifact_aliases (collection_id, alias, artifact_id) VALUES ($collection, $alias, $artifact)
                ON CONFLICT (collection_id, alias) DO UPDATE SET artifact_id = excluded.artifact_id;
                """, cancellationToken, ("$collection", collectionId), ("$alias", alias), ("$artifact", artifactId));
        }
    }

    private static async Task<long> PendingCollectionAsync(SqliteConnection connection, SqliteTransaction transaction, long artifactId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT collection_id, state FROM artifacts WHERE id = $id;", ("$id", artifactId));
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            throw new ArtifactException($"Artifact {artifactId} does not exist (or was cleaned up before it was committed).");
        }
        if (row.GetString(1) != ArtifactStates.Pending)
        {
            throw new ArtifactException($"Artifact {artifactId} is already committed; its files can no longer change.");
        }
        return row.GetInt64(0);
    }

    private double Now() => clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long?> NullableScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await NullableScalarAsync(connection, transaction, sql, cancellationToken, parameters)
        ?? throw new InvalidOperationException("The query returned no row: " + sql);

    private static async Task<string?> TextAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
