namespace Assistant.Core;

/// <summary>The user's cache folder for flowmigrate: <c>$XDG_CACHE_HOME/flowmigrate</c>, else <c>~/.cache/flowmigrate</c>.</summary>
public static class UserCacheFolder
{
    public static string Path =>
        System.IO.Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "flowmigrate");
}
