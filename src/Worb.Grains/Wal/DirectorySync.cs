using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Worb.Grains.Wal;

/// <summary>
/// Best-effort fsync of a directory, so that creating or deleting a segment file survives a power loss.
/// .NET cannot open a directory as a file, hence the libc calls; on Windows (no such need) it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    public static void TryFlush(string directory, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            var fd = Open(directory, ReadOnly);
            if (fd < 0)
            {
                logger.LogDebug("Could not open {Directory} to fsync it (errno {Errno})", directory, Marshal.GetLastPInvokeError());
                return;
            }
            try
            {
                if (Fsync(fd) != 0)
                {
                    logger.LogDebug("fsync of {Directory} failed (errno {Errno})", directory, Marshal.GetLastPInvokeError());
                }
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            logger.LogDebug(ex, "Directory fsync is not available here");
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
