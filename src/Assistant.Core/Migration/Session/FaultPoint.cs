namespace Assistant.Core.Migration.Session;

/// <summary>
/// Named points where flowmigrate's own fault tests kill the process (as <c>kill -9</c> would) by
/// setting <c>FLOWMIGRATE_FAULT=&lt;name&gt;</c>; a no-op otherwise. The names are the places where an
/// interrupted session must still leave a clean repository and resume correctly.
/// </summary>
public static class FaultPoint
{
    public const string AfterWorktree = "after-worktree";
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";
    public const string DuringStateWrite = "during-state-write";

    public static void Reach(string name)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("FLOWMIGRATE_FAULT"), name, StringComparison.Ordinal))
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
