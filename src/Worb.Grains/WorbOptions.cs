namespace Worb.Grains;

/// <summary>
/// Server settings, bound from configuration: <c>WORB_*</c> environment variables and command-line flags
/// (<c>--port 8080</c>, <c>--data ~/.worb</c>, ...).
/// </summary>
public sealed class WorbOptions
{
    /// <summary>Address the HTTP server binds to.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>HTTP port; 0 takes a free port.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Data directory: worb.db, the write-ahead log and files/. Defaults to ~/.worb.</summary>
    public string Data { get; set; } = DefaultDataDirectory();

    /// <summary>The entity runs land in when the client names none.</summary>
    public string Entity { get; set; } = "worb";

    /// <summary>Largest accepted request body (file_stream, GraphQL, uploads); larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often the store drains the write-ahead log into SQLite.</summary>
    public int FlushIntervalMs { get; set; } = 500;

    /// <summary>Drain early once this many WAL bytes are waiting.</summary>
    public long FlushPendingBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Most lines (history, events, console) written in one SQLite transaction.</summary>
    public int FlushMaxRows { get; set; } = 50_000;

    /// <summary>The write-ahead log is compacted once its stored prefix exceeds this size.</summary>
    public long WalCompactBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most write-ahead log bytes allowed to wait for the store; beyond it file_stream answers 429 with Retry-After
    /// until the store catches up, instead of letting the log grow without bound.
    /// </summary>
    public long MaxWalLagBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>API key every request must carry (besides signed upload URLs); none means no authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file of API keys, one per line, optionally <c>user:key</c>; blank lines and <c>#</c> comments are skipped.</summary>
    public string? ApiKeysFile { get; set; }

    /// <summary>Lets the server bind a non-loopback address without any API key.</summary>
    public bool AllowRemoteWithoutKey { get; set; }

    /// <summary>A running run whose client sent nothing for this long is shown as crashed.</summary>
    public int HeartbeatTimeoutSeconds { get; set; } = 300;

    /// <summary>An artifact still pending (never committed) this long after its creation is deleted.</summary>
    public int PendingArtifactTimeoutSeconds { get; set; } = 24 * 60 * 60;

    /// <summary>This silo's name; its write-ahead log lives in <c>wal/&lt;SiloName&gt;</c>. Unique per silo.</summary>
    public string SiloName { get; set; } = "local";

    /// <summary>Orleans silo-to-silo port; 0 picks a free one (single-process default).</summary>
    public int SiloPort { get; set; }

    /// <summary>Orleans gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// How silos find each other: <c>localhost</c> (one process, the default) or <c>postgres</c> (Orleans' ADO.NET
    /// clustering on PostgreSQL, for several silos sharing one data folder).
    /// </summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary>The PostgreSQL connection string of the membership database (with <c>postgres</c> clustering).</summary>
    public string? ClusteringConnection { get; set; }

    /// <summary>The Orleans cluster id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "worb";

    /// <summary>The Orleans service id: stays the same across deployments of this service.</summary>
    public string ServiceId { get; set; } = "worb";

    /// <summary>The address other silos reach this one at (with <c>postgres</c> clustering); none lets Orleans pick one.</summary>
    public string? AdvertisedIp { get; set; }

    public string DatabasePath => Path.Combine(Data, "worb.db");
    public string WalDirectory => Path.Combine(Data, "wal", SiloName);
    public string FilesDirectory => Path.Combine(Data, "files");

    public static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".worb");
}
