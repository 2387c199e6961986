using System.Diagnostics;

namespace Worb.Load;

/// <summary>Finds the Release build of Worb.Host in this repository, building it first when it is missing.</summary>
public static class HostBuild
{
    public static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Worb.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException("Worb.sln not found above " + AppContext.BaseDirectory + "; pass --host-dll.");
        }
        var dll = Path.Combine(root.FullName, "src", "Worb.Host", "bin", "Release", "net10.0", "Worb.Host.dll");
        var project = Path.Combine(root.FullName, "src", "Worb.Host");
        Console.Error.WriteLine($"building {project} (Release)");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("could not run dotnet build");
        await build.StandardOutput.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"building Worb.Host failed (exit {build.ExitCode})");
        }
        return dll;
    }
}
