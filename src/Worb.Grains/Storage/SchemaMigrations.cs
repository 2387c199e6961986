using Microsoft.Data.Sqlite;

namespace Worb.Grains.Storage;

/// <summary>
/// Versioned schema changes. <c>PRAGMA user_version</c> records how many have been applied; each runs once, in
/// its own transaction. Append new migrations at the end; never edit one that has shipped.
/// </summary>
public static class SchemaMigrations
{
    private static readonly string[] Migrations =
    [
        // 1: projects, runs, history (one row per metric per step), console, system metrics, files, alerts.
        """
        CREATE TABLE projects (
            id          INTEGER PRIMARY KEY,
            entity      TEXT NOT NULL,
            name        TEXT NOT NULL,
            created_at  REAL NOT NULL,
            UNIQUE (entity, name)
        );

        CREATE TABLE runs (
            id                  INTEGER PRIMARY KEY,
            project_id          INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            name                TEXT NOT NULL,
            display_name        TEXT,
            description         TEXT,
            notes               TEXT,
            group_name          TEXT,
            job_type            TEXT,
            host                TEXT,
            program             TEXT,
            commit_hash         TEXT,
            repo                TEXT,
            sweep               TEXT,
            tags                TEXT NOT NULL DEFAULT '[]',
            config              TEXT NOT NULL DEFAULT '{}',
            summary             TEXT NOT NULL DEFAULT '{}',
            system_metrics      TEXT NOT NULL DEFAULT '{}',
            state               TEXT NOT NULL DEFAULT 'running',
            exit_code           INTEGER,
            stopped             INTEGER NOT NULL DEFAULT 0,
            created_at          REAL NOT NULL,
            updated_at          REAL NOT NULL,
            heartbeat_at        REAL NOT NULL,
            history_line_count  INTEGER NOT NULL DEFAULT 0,
            events_line_count   INTEGER NOT NULL DEFAULT 0,
            log_line_count      INTEGER NOT NULL DEFAULT 0,
            UNIQUE (project_id, name)
        );

        -- Metric names, interned so that history rows carry an integer.
        CREATE TABLE metric_keys (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL UNIQUE
        );

        -- Every wandb-history.jsonl line exactly as the client sent it, addressed by its offset.
        CREATE TABLE history_lines (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            step     INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        ) WITHOUT ROWID;
        CREATE INDEX history_lines_by_step ON history_lines (run_id, step);

        -- One row per metric per step. value: the number (NULL for NaN and non-numbers);
        -- json: the value's JSON text when the number alone does not say it (NaN, huge integers,
        -- strings, objects, histograms, media); kind: number|nan|string|bool|null|object|list|histogram|<_type>.
        CREATE TABLE history (
            run_id  INTEGER NOT NULL,
            key_id  INTEGER NOT NULL,
            step    INTEGER NOT NULL,
            value   REAL,
            json    TEXT,
            kind    TEXT NOT NULL,
            PRIMARY KEY (run_id, key_id, step)
        ) WITHOUT ROWID;

        CREATE TABLE events_lines (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        ) WITHOUT ROWID;

        -- Console output: one row per output.log offset; a re-sent offset overwrites. stream: 0 stdout, 1 stderr.
        CREATE TABLE log_lines (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            stream   INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        ) WITHOUT ROWID;

        -- Uploaded run files; the bytes live under files/ by SHA-256.
        CREATE TABLE run_files (
            run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name        TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            md5         TEXT NOT NULL,
            size        INTEGER NOT NULL,
            updated_at  REAL NOT NULL,
            PRIMARY KEY (run_id, name)
        );

        CREATE TABLE alerts (
            id                INTEGER PRIMARY KEY,
            run_id            INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            title             TEXT NOT NULL,
            text              TEXT NOT NULL,
            severity          TEXT NOT NULL,
            wait_duration_ms  INTEGER,
            created_at        REAL NOT NULL
        );

        -- How far each silo's write-ahead log has been stored; written in the same transaction as the data.
        CREATE TABLE wal_cursors (
            wal_id    TEXT PRIMARY KEY,
            position  INTEGER NOT NULL
        );
        """,

        // Artifacts (issue 6): types, collections, versions, aliases, files, manifest entries, lineage, client ids.
        // Self-contained: only CREATE TABLE/INDEX of artifact tables. Bytes live under files/ by SHA-256.
        """
        CREATE TABLE artifact_types (
            id          INTEGER PRIMARY KEY,
            project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            name        TEXT NOT NULL,
            created_at  REAL NOT NULL,
            UNIQUE (project_id, name)
        );

        -- An artifact collection (wandb's "artifact sequence"): the versions v0, v1, ... of one name.
        CREATE TABLE artifact_collections (
            id           INTEGER PRIMARY KEY,
            project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            type_id      INTEGER NOT NULL REFERENCES artifact_types(id) ON DELETE CASCADE,
            name         TEXT NOT NULL,
            description  TEXT,
            created_at   REAL NOT NULL,
            UNIQUE (project_id, name)
        );

        -- One logged artifact. version_index is given at commit; a PENDING artifact has none and is invisible
        -- to use. aliases_requested: the aliases CreateArtifact asked for (JSON array), applied at commit.
        CREATE TABLE artifacts (
            id                 INTEGER PRIMARY KEY,
            collection_id      INTEGER NOT NULL REFERENCES artifact_collections(id) ON DELETE CASCADE,
            version_index      INTEGER,
            state              TEXT NOT NULL,
            digest             TEXT NOT NULL,
            description        TEXT,
            metadata           TEXT,
            created_by_run_id  INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            history_step       INTEGER,
            aliases_requested  TEXT NOT NULL DEFAULT '[]',
            manifest_md5       TEXT,
            manifest_sha256    TEXT,
            size               INTEGER NOT NULL DEFAULT 0,
            file_count         INTEGER NOT NULL DEFAULT 0,
            created_at         REAL NOT NULL,
            updated_at         REAL NOT NULL,
            UNIQUE (collection_id, version_index)
        );
        CREATE INDEX artifacts_by_digest ON artifacts (collection_id, digest);
        CREATE INDEX artifacts_by_state ON artifacts (state, created_at);
        CREATE INDEX artifacts_by_run ON artifacts (created_by_run_id);

        -- Aliases of committed versions ("latest", user aliases); the version alias v<N> is not stored.
        CREATE TABLE artifact_aliases (
            collection_id  INTEGER NOT NULL REFERENCES artifact_collections(id) ON DELETE CASCADE,
            alias          TEXT NOT NULL,
            artifact_id    INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
            PRIMARY KEY (collection_id, alias)
        );
        CREATE INDEX artifact_aliases_by_artifact ON artifact_aliases (artifact_id);

        -- Files announced by CreateArtifactFiles. birth_artifact_id: the artifact whose upload stored the bytes
        -- (itself, or an earlier version holding the same md5); sha256 is NULL until the bytes are stored.
        CREATE TABLE artifact_files (
            artifact_id        INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
            name               TEXT NOT NULL,
            md5                TEXT NOT NULL,
            birth_artifact_id  INTEGER NOT NULL,
            sha256             TEXT,
            size               INTEGER,
            PRIMARY KEY (artifact_id, name)
        );
        CREATE INDEX artifact_files_by_md5 ON artifact_files (md5);

        -- The entries of a committed artifact's manifest: local files (sha256 set) and references (ref set).
        CREATE TABLE artifact_manifest_entries (
            artifact_id        INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
            path               TEXT NOT NULL,
            digest             TEXT NOT NULL,
            size               INTEGER NOT NULL,
            ref                TEXT,
            birth_artifact_id  INTEGER,
            sha256             TEXT,
            PRIMARY KEY (artifact_id, path)
        );

        -- Lineage: which runs used which artifact (UseArtifact).
        CREATE TABLE artifact_usages (
            artifact_id  INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
            run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            used_as      TEXT,
            used_at      REAL NOT NULL,
            PRIMARY KEY (artifact_id, run_id)
        );
        CREATE INDEX artifact_usages_by_run ON artifact_usages (run_id);

        -- The client's ids: clientID -> artifact, sequenceClientID -> collection (wandb-client-artifact:// paths).
        CREATE TABLE artifact_client_ids (
            client_id    TEXT PRIMARY KEY,
            artifact_id  INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE
        );
        CREATE TABLE artifact_collection_client_ids (
            client_id      TEXT PRIMARY KEY,
            collection_id  INTEGER NOT NULL REFERENCES artifact_collections(id) ON DELETE CASCADE
        );
        """,

        // perf (issue 5): history_blocks — per-metric summaries of 64-step blocks (block = step >> 6, see
        // HistoryBlockLevel), maintained by ChunkBatchWriter in the store transaction; read by HistoryBucketQuery.
        // Numeric values only (value IS NOT NULL). Existing history is summarized here once.
        """
        CREATE TABLE history_blocks (
            run_id       INTEGER NOT NULL,
            key_id       INTEGER NOT NULL,
            block        INTEGER NOT NULL,
            first_step   INTEGER NOT NULL,
            last_step    INTEGER NOT NULL,
            last_value   REAL,
            min_value    REAL,
            max_value    REAL,
            value_count  INTEGER NOT NULL,
            PRIMARY KEY (run_id, key_id, block)
        ) WITHOUT ROWID;

        INSERT INTO history_blocks (run_id, key_id, block, first_step, last_step, last_value, min_value, max_value, value_count)
        SELECT run_id, key_id, step >> 6, MIN(step), MAX(step), NULL, MIN(value), MAX(value), COUNT(*)
        FROM history WHERE value IS NOT NULL
        GROUP BY run_id, key_id, step >> 6;

        UPDATE history_blocks SET last_value = (
            SELECT h.value FROM history h
            WHERE h.run_id = history_blocks.run_id AND h.key_id = history_blocks.key_id AND h.step = history_blocks.last_step);
        """,

        // perf (issue 5): the raw line tables become rowid tables. A WITHOUT ROWID table keeps at most ~1 KB of a row
        // in its B-tree page (4 KB pages) and spills the rest of a typical 1.4 KB history line into an overflow page
        // of its own, leaving ~3 KB of it empty: the lines took 3.3x their size. A rowid table keeps rows of up to
        // ~4 KB inline; its PRIMARY KEY becomes a unique index, so INSERT OR REPLACE by (run, offset) still works.
        """
        CREATE TABLE history_lines_rowid (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            step     INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        );
        INSERT INTO history_lines_rowid (run_id, line_no, step, content)
        SELECT run_id, line_no, step, content FROM history_lines ORDER BY run_id, line_no;
        DROP TABLE history_lines;
        ALTER TABLE history_lines_rowid RENAME TO history_lines;
        CREATE INDEX history_lines_by_step ON history_lines (run_id, step);

        CREATE TABLE events_lines_rowid (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        );
        INSERT INTO events_lines_rowid (run_id, line_no, content)
        SELECT run_id, line_no, content FROM events_lines ORDER BY run_id, line_no;
        DROP TABLE events_lines;
        ALTER TABLE events_lines_rowid RENAME TO events_lines;

        CREATE TABLE log_lines_rowid (
            run_id   INTEGER NOT NULL,
            line_no  INTEGER NOT NULL,
            stream   INTEGER NOT NULL,
            content  TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no)
        );
        INSERT INTO log_lines_rowid (run_id, line_no, stream, content)
        SELECT run_id, line_no, stream, content FROM log_lines ORDER BY run_id, line_no;
        DROP TABLE log_lines;
        ALTER TABLE log_lines_rowid RENAME TO log_lines;
        """,

        // perf (issue 5): history.kind is NULL for a number (NaN and ±Infinity included, their text in json), the
        // bulk of all rows: the text 'number' took a quarter of each row and a string to bind per value. Other
        // kinds keep their name.
        """
        -- kind: NULL for a number; else string|boolean|null|list|map|histogram|<_type>.
        CREATE TABLE history_compact (
            run_id  INTEGER NOT NULL,
            key_id  INTEGER NOT NULL,
            step    INTEGER NOT NULL,
            value   REAL,
            json    TEXT,
            kind    TEXT,
            PRIMARY KEY (run_id, key_id, step)
        ) WITHOUT ROWID;
        INSERT INTO history_compact (run_id, key_id, step, value, json, kind)
        SELECT run_id, key_id, step, value, json, NULLIF(kind, 'number') FROM history ORDER BY run_id, key_id, step;
        DROP TABLE history;
        ALTER TABLE history_compact RENAME TO history;
        """,

        // perf (issue 5): history_blocks_4096 — the same summaries over 4,096-step blocks (block = step >> 12, see
        // HistoryBlockLevel), so a 10M-step chart reads ~2,400 rows instead of ~156,000. Built from history_blocks,
        // after dropping the blocks of deleted runs (run deletion left them behind until now).
        """
        DELETE FROM history_blocks WHERE run_id NOT IN (SELECT id FROM runs);

        CREATE TABLE history_blocks_4096 (
            run_id       INTEGER NOT NULL,
            key_id       INTEGER NOT NULL,
            block        INTEGER NOT NULL,
            first_step   INTEGER NOT NULL,
            last_step    INTEGER NOT NULL,
            last_value   REAL,
            min_value    REAL,
            max_value    REAL,
            value_count  INTEGER NOT NULL,
            PRIMARY KEY (run_id, key_id, block)
        ) WITHOUT ROWID;

        INSERT INTO history_blocks_4096 (run_id, key_id, block, first_step, last_step, last_value, min_value, max_value, value_count)
        SELECT run_id, key_id, block >> 6, MIN(first_step), MAX(last_step), NULL, MIN(min_value), MAX(max_value), SUM(value_count)
        FROM history_blocks
        GROUP BY run_id, key_id, block >> 6;

        UPDATE history_blocks_4096 SET last_value = (
            SELECT b.last_value FROM history_blocks b
            WHERE b.run_id = history_blocks_4096.run_id AND b.key_id = history_blocks_4096.key_id
              AND b.block = history_blocks_4096.last_step >> 6);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies the migrations past the database's version, up to <paramref name="targetVersion"/> (default: all).</summary>
    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken, int? targetVersion = null)
    {
        var target = Math.Min(targetVersion ?? Migrations.Length, Migrations.Length);
        while (true)
        {
            // BEGIN IMMEDIATE takes the write lock before the version is read: when several silos (processes) start
            // on one worb.db together, each migration runs exactly once and the others see it applied.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var version = await GetVersionAsync(connection, transaction, cancellationToken);
            if (version > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"worb.db has schema version {version}, newer than this Worb ({Migrations.Length}). Upgrade Worb.");
            }
            if (version >= target)
            {
                return;
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<int> GetVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
