using System.Runtime.InteropServices;

namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>Sends SIGTERM, the signal a service manager uses to ask a process to shut down gracefully.</summary>
internal static class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("Graceful stop by signal needs a POSIX system.");
        }
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
