namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where things are on disk: the repository root (the folder with Worb.sln), the built host, the npm client
/// folder and the shared wandb protocol folder (a sibling of the checkout, or <c>WORB_PROTOCOL_DIR</c>).
/// </summary>
public sealed class RepositoryLayout
{
    private const string SolutionFile = "Worb.sln";
    private const string ProtocolDirVariable = "WORB_PROTOCOL_DIR";

    private RepositoryLayout(string root) => Root = root;

    /// <summary>The repository root: the folder that holds Worb.sln.</summary>
    public string Root { get; }

    /// <summary>The layout found by walking up from the test assembly's folder.</summary>
    public static RepositoryLayout Current { get; } = Locate(AppContext.BaseDirectory);

    /// <summary>The build configuration of the test assembly (Debug or Release), taken from its output path.</summary>
    public static string Configuration
    {
        get
        {
            // bin/<Configuration>/net10.0/
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return tfmDir.Parent?.Name ?? "Debug";
        }
    }

    public static RepositoryLayout Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return new RepositoryLayout(dir.FullName);
            }
        }
        throw new InvalidOperationException($"No {SolutionFile} found above {start}.");
    }

    /// <summary>The host assembly built with the same configuration as the tests.</summary>
    public string HostAssembly
    {
        get
        {
            var path = Path.Combine(Root, "src", "Worb.Host", "bin", Configuration, "net10.0", "Worb.Host.dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Worb.Host.dll not found at {path}; build the solution with -c {Configuration} first.", path);
            }
            return path;
        }
    }

    /// <summary>tests/npm-client: the pinned @wandb/sdk client and its run.mjs.</summary>
    public string NpmClientDirectory => Path.Combine(Root, "tests", "npm-client");

    /// <summary>The shared wandb-protocol folder (recordings and protocol notes).</summary>
    public string ProtocolDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(ProtocolDirVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment);
            }
            var candidates = new[]
            {
                Path.Combine(Root, "..", "shared", "wandb-protocol"),
                Path.Combine(Root, "..", "..", "shared", "wandb-protocol"),
            };
            foreach (var candidate in candidates)
            {
                if (Directory.Exists(Path.Combine(candidate, "traffic")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            throw new DirectoryNotFoundException(
                $"The shared wandb-protocol folder was not found beside {Root}; set {ProtocolDirVariable}.");
        }
    }

    /// <summary>The path of one recording, e.g. <c>01_basic</c> → traffic/01_basic.jsonl.</summary>
    public string TrafficFile(string name) =>
        Path.Combine(ProtocolDirectory, "traffic", name.EndsWith(".jsonl", StringComparison.Ordinal) ? name : name + ".jsonl");
}
