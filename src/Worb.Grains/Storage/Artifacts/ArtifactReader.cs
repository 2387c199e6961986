using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// Reads artifacts, their collections, types, aliases, files and lineage. Lookups by name see only committed
/// versions; a pending artifact is reachable by id alone (so its uploads can be checked).
/// </summary>
public sealed class ArtifactReader(WorbDatabase database)
{
    internal const string SelectArtifact = """
        SELECT a.id, a.collection_id, c.name, t.id, t.name, p.id, p.entity, p.name, a.version_index, a.state, a.digest,
               a.description, a.metadata, a.created_by_run_id, r.name, a.history_step, a.manifest_sha256, a.manifest_md5,
               a.size, a.file_count, a.created_at, a.updated_at
        FROM artifacts a
        JOIN artifact_collections c ON c.id = a.collection_id
        JOIN artifact_types t ON t.id = c.type_id
        JOIN projects p ON p.id = c.project_id
        LEFT JOIN runs r ON r.id = a.created_by_run_id
        """;

    private const string SelectCollection = """
        SELECT c.id, c.name, c.description, t.id, t.name, p.id, p.entity, p.name, c.created_at,
               (SELECT COUNT(*) FROM artifacts v WHERE v.collection_id = c.id AND v.state = 'COMMITTED')
        FROM artifact_collections c
        JOIN artifact_types t ON t.id = c.type_id
        JOIN projects p ON p.id = c.project_id
        """;

    public Task<ArtifactRow?> GetAsync(long id, CancellationToken cancellationToken) =>
        SingleArtifactAsync(SelectArtifact + " WHERE a.id = $id;", cancellationToken, ("$id", id));

    /// <summary>
    /// The committed version of <paramref name="collection"/> named by <paramref name="aliasOrVersion"/>: a version
    /// <c>v3</c> or an alias (<c>latest</c>, <c>best</c>); null when there is none.
    /// </summary>
    public Task<ArtifactRow?> FindAsync(string entity, string project, string collection, string aliasOrVersion, CancellationToken cancellationToken)
    {
        const string Where = " WHERE p.entity = $entity AND p.name = $project AND c.name = $collection AND a.state = 'COMMITTED'";
        if (ArtifactName.TryParseVersion(aliasOrVersion, out var version))
        {
            return SingleArtifactAsync(SelectArtifact + Where + " AND a.version_index = $version;", cancellationToken,
                ("$entity", entity), ("$project", project), ("$collection", collection), ("$version", version));
        }
        return SingleArtifactAsync(
            SelectArtifact + Where + " AND a.id = (SELECT l.artifact_id FROM artifact_aliases l WHERE l.collection_id = c.id AND l.alias = $alias);",
            cancellationToken, ("$entity", entity), ("$project", project), ("$collection", collection), ("$alias", aliasOrVersion));
    }

    /// <summary>The artifact the client knows by its <c>clientID</c> (the id in <c>wandb-client-artifact://</c> paths).</summary>
    public Task<ArtifactRow?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken) =>
        SingleArtifactAsync(SelectArtifact + " WHERE a.id = (SELECT artifact_id FROM artifact_client_ids WHERE client_id = $client);",
            cancellationToken, ("$client", clientId));

    /// <summary>The collection the client knows by its <c>sequenceClientID</c>.</summary>
    public Task<ArtifactCollectionRow?> FindCollectionByClientIdAsync(string sequenceClientId, CancellationToken cancellationToken) =>
        SingleCollectionAsync(SelectCollection + " WHERE c.id = (SELECT collection_id FROM artifact_collection_client_ids WHERE client_id = $client);",
            cancellationToken, ("$client", sequenceClientId));

    /// <summary>The newest committed version of the collection (the one <c>latest</c> points at).</summary>
    public Task<ArtifactRow?> LatestAsync(long collectionId, CancellationToken cancellationToken) =>
        SingleArtifactAsync(SelectArtifact + " WHERE a.collection_id = $collection AND a.state = 'COMMITTED' ORDER BY a.version_index DESC LIMIT 1;",
            cancellationToken, ("$collection", collectionId));

    /// <summary>The committed versions of a collection, newest first.</summary>
    public Task<IReadOnlyList<ArtifactRow>> VersionsAsync(long collectionId, CancellationToken cancellationToken) =>
        ArtifactsAsync(SelectArtifact + " WHERE a.collection_id = $collection AND a.state = 'COMMITTED' ORDER BY a.version_index DESC;",
            cancellationToken, ("$collection", collectionId));

    /// <summary>The committed artifacts a run logged, oldest first.</summary>
    public Task<IReadOnlyList<ArtifactRow>> LoggedByRunAsync(long runId, CancellationToken cancellationToken) =>
        ArtifactsAsync(SelectArtifact + " WHERE a.created_by_run_id = $run AND a.state = 'COMMITTED' ORDER BY a.created_at, a.id;",
            cancellationToken, ("$run", runId));

    /// <summary>The artifacts a run used, in the order it used them.</summary>
    public Task<IReadOnlyList<ArtifactRow>> UsedByRunAsync(long runId, CancellationToken cancellationToken) =>
        ArtifactsAsync(SelectArtifact + " JOIN artifact_usages u ON u.artifact_id = a.id WHERE u.run_id = $run ORDER BY u.used_at, a.id;",
            cancellationToken, ("$run", runId));

    /// <summary>The stored aliases of an artifact (without its version alias), in name order.</summary>
    public async Task<IReadOnlyList<string>> AliasesAsync(long artifactId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT alias FROM artifact_aliases WHERE artifact_id = $id ORDER BY alias = 'latest' DESC, alias;";
        command.Parameters.AddWithValue("$id", artifactId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var aliases = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            aliases.Add(reader.GetString(0));
        }
        return aliases;
    }

    /// <summary>
    /// The files of an artifact, by path: its manifest entries once committed, the files announced so far while pending.
    /// </summary>
    public async Task<IReadOnlyList<ArtifactFileRow>> FilesAsync(ArtifactRow artifact, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = artifact.IsCommitted
            ? "SELECT path, digest, size, ref, birth_artifact_id, sha256 FROM artifact_manifest_entries WHERE artifact_id = $id ORDER BY path;"
            : "SELECT name, md5, COALESCE(size, 0), NULL, birth_artifact_id, sha256 FROM artifact_files WHERE artifact_id = $id ORDER BY name;";
        command.Parameters.AddWithValue("$id", artifact.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<ArtifactFileRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new ArtifactFileRow(
                artifact.Id,
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return files;
    }

    /// <summary>The runs that used the artifact, in the order they used it.</summary>
    public async Task<IReadOnlyList<ArtifactUsageRow>> UsagesAsync(long artifactId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u.artifact_id, u.run_id, p.entity, p.name, r.name, u.used_as, u.used_at
            FROM artifact_usages u JOIN runs r ON r.id = u.run_id JOIN projects p ON p.id = r.project_id
            WHERE u.artifact_id = $id ORDER BY u.used_at, u.run_id;
            """;
        command.Parameters.AddWithValue("$id", artifactId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var usages = new List<ArtifactUsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            usages.Add(new ArtifactUsageRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDouble(6)));
        }
        return usages;
    }

    /// <summary>The artifact types of a project, by name.</summary>
    public async Task<IReadOnlyList<ArtifactTypeRow>> TypesAsync(string entity, string project, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.id, t.project_id, t.name, t.created_at FROM artifact_types t JOIN projects p ON p.id = t.project_id
            WHERE p.entity = $entity AND p.name = $project ORDER BY t.name;
            """;
        command.Parameters.AddWithValue("$entity", entity);
        command.Parameters.AddWithValue("$project", project);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var types = new List<ArtifactTypeRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            types.Add(new ArtifactTypeRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetDouble(3)));
        }
        return types;
    }

    /// <summary>The collections of a project, optionally of one type, by name.</summary>
    public Task<IReadOnlyList<ArtifactCollectionRow>> CollectionsAsync(string entity, string project, string? typeName, CancellationToken cancellationToken) =>
        CollectionsAsync(
            SelectCollection + " WHERE p.entity = $entity AND p.name = $project AND ($type IS NULL OR t.name = $type) ORDER BY c.name;",
            cancellationToken, ("$entity", entity), ("$project", project), ("$type", typeName));

    /// <summary>One collection of a project by name (and type, when given).</summary>
    public async Task<ArtifactCollectionRow?> CollectionAsync(string entity, string project, string name, string? typeName, CancellationToken cancellationToken) =>
        (await CollectionsAsync(
            SelectCollection + " WHERE p.entity = $entity AND p.name = $project AND c.name = $name AND ($type IS NULL OR t.name = $type);",
            cancellationToken, ("$entity", entity), ("$project", project), ("$name", name), ("$type", typeName))).FirstOrDefault();

    /// <summary>The blob of a file stored for <paramref name="birthArtifactId"/> under this MD5 (hex or base64), or null.</summary>
    public async Task<ArtifactFileRow?> StoredFileAsync(long birthArtifactId, string md5Base64, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT artifact_id, name, md5, size, birth_artifact_id, sha256 FROM artifact_files
            WHERE birth_artifact_id = $birth AND md5 = $md5 AND sha256 IS NOT NULL LIMIT 1;
            """;
        command.Parameters.AddWithValue("$birth", birthArtifactId);
        command.Parameters.AddWithValue("$md5", md5Base64);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ArtifactFileRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), null, reader.GetInt64(4), reader.GetString(5))
            : null;
    }

    private async Task<ArtifactRow?> SingleArtifactAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        (await ArtifactsAsync(sql, cancellationToken, parameters)).FirstOrDefault();

    private async Task<IReadOnlyList<ArtifactRow>> ArtifactsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ArtifactRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(MapArtifact(reader));
        }
        return rows;
    }

    private async Task<ArtifactCollectionRow?> SingleCollectionAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        (await CollectionsAsync(sql, cancellationToken, parameters)).FirstOrDefault();

    private async Task<IReadOnlyList<ArtifactCollectionRow>> CollectionsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ArtifactCollectionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ArtifactCollectionRow(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3),
                reader.GetString(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7), reader.GetDouble(8), reader.GetInt64(9)));
        }
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    internal static ArtifactRow MapArtifact(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        CollectionId = reader.GetInt64(1),
        CollectionName = reader.GetString(2),
        TypeId = reader.GetInt64(3),
        TypeName = reader.GetString(4),
        ProjectId = reader.GetInt64(5),
        Entity = reader.GetString(6),
        Project = reader.GetString(7),
        VersionIndex = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        State = reader.GetString(9),
        Digest = reader.GetString(10),
        Description = reader.IsDBNull(11) ? null : reader.GetString(11),
        Metadata = reader.IsDBNull(12) ? null : reader.GetString(12),
        CreatedByRunId = reader.IsDBNull(13) ? null : reader.GetInt64(13),
        CreatedByRunName = reader.IsDBNull(14) ? null : reader.GetString(14),
        HistoryStep = reader.IsDBNull(15) ? null : reader.GetInt64(15),
        ManifestSha256 = reader.IsDBNull(16) ? null : reader.GetString(16),
        ManifestMd5 = reader.IsDBNull(17) ? null : reader.GetString(17),
        Size = reader.GetInt64(18),
        FileCount = reader.GetInt64(19),
        CreatedAt = reader.GetDouble(20),
        UpdatedAt = reader.GetDouble(21),
    };

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
