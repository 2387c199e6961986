namespace Worb.Tests;

/// <summary>Finds the shared wandb-protocol recordings: WORB_PROTOCOL_DIR, or ../shared/wandb-protocol beside the repository.</summary>
public static class ProtocolFiles
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("WORB_PROTOCOL_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Worb.sln")))
            {
                return Path.Combine(dir.Parent!.FullName, "shared", "wandb-protocol");
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Worb.sln) to locate ../shared/wandb-protocol.");
    }
}
