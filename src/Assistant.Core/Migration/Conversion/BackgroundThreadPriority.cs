using System.Runtime.InteropServices;

namespace Assistant.Core.Migration.Conversion;

/// <summary>
/// Lowers the calling thread's scheduling priority (its Linux nice value), so that the thread runs on the CPU time the process's
/// other threads leave idle and yields whenever they want a core. Linux gives every thread a nice value of its own (setpriority on a
/// thread id); elsewhere, or where the call is refused, the thread keeps its priority.
/// </summary>
internal static class BackgroundThreadPriority
{
    // PRIO_PROCESS: with a thread id, on Linux, that thread alone.
    private const int PriorityProcess = 0;

    /// <summary>Gives the calling thread nice value <paramref name="nice"/> (0 to 19, higher yields more); whether it did.</summary>
    public static bool Lower(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityProcess, GetThreadId(), nice) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
