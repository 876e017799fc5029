using Assistant.Core.Migration.Conversion;

namespace Assistant.Core.Tests.Migration.Conversion;

public sealed class BackgroundThreadPriorityTests
{
    [Fact]
    public void Should_Lower_The_Calling_Thread_Alone()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere threads have no nice value of their own: nothing is changed, and the caller is told.
            Assert.False(BackgroundThreadPriority.Lower(19));
            return;
        }

        // Given a thread of its own, and this thread's nice value
        var ours = Nice();
        (bool Lowered, int Nice) seen = default;
        var thread = new Thread(() =>
        {
            // When it lowers its priority
            var lowered = BackgroundThreadPriority.Lower(19);
            seen = (lowered, Nice());
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(1)));

        // Then it runs at nice 19, and this thread is as it was
        Assert.Equal((true, 19), seen);
        Assert.Equal(ours, Nice());
    }

    // Field 19 of /proc/thread-self/stat, counted after the command name (which may hold spaces) in parentheses.
    private static int Nice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
