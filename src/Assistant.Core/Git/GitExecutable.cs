using System.Text.RegularExpressions;

namespace Assistant.Core.Git;

/// <summary>The <c>git</c> program found on PATH, with its version checked against what this tool needs.</summary>
internal sealed partial class GitExecutable
{
    /// <summary><c>worktree list -z</c> needs 2.36; <c>rev-parse --path-format</c> 2.31.</summary>
    public static readonly Version MinimumVersion = new(2, 36);

    private GitExecutable(string path, Version version)
    {
        Path = path;
        Version = version;
    }

    public string Path { get; }

    public Version Version { get; }

    public GitProcess CreateProcess() => new(Path);

    public static Task<GitResult<GitExecutable>> LocateAsync(CancellationToken cancellationToken = default) =>
        LocateAsync(Environment.GetEnvironmentVariable("PATH"), cancellationToken);

    /// <summary>Looks for git in <paramref name="searchPath"/>, a PATH-style list of directories, and asks it for its version.</summary>
    public static async Task<GitResult<GitExecutable>> LocateAsync(string? searchPath, CancellationToken cancellationToken = default)
    {
        var path = FindOnPath(searchPath);
        if (path is null)
        {
            return new GitError(GitErrorKind.GitNotFound, "git was not found on PATH; install git 2.36 or newer.");
        }

        var command = GitCommand.Read(System.IO.Path.GetTempPath(), "--version");
        var run = await new GitProcess(path).RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        var version = ParseVersion(run.Value.StandardOutput);
        if (run.Value.ExitCode != 0 || version is null)
        {
            return GitError.FromCommand(GitErrorKind.GitNotFound, $"'{path}' did not answer like git", command, run.Value);
        }

        return version < MinimumVersion
            ? new GitError(GitErrorKind.GitVersionTooOld, $"git {version} is too old; flowmigrate needs {MinimumVersion} or newer.")
            : new GitExecutable(path, version);
    }

    /// <summary>Reads <c>git version 2.39.5</c>, <c>2.39.5.windows.1</c>, <c>2.37.1 (Apple Git-137.1)</c>.</summary>
    internal static Version? ParseVersion(string versionOutput)
    {
        var match = VersionPattern().Match(versionOutput);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), match.Groups[3].Success ? int.Parse(match.Groups[3].Value) : 0)
            : null;
    }

    private static string? FindOnPath(string? searchPath)
    {
        var names = OperatingSystem.IsWindows() ? new[] { "git.exe", "git.cmd" } : ["git"];
        var directories = (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(directory => names.Select(name => System.IO.Path.Combine(directory, name)))
            .FirstOrDefault(IsExecutableFile);
    }

    private static bool IsExecutableFile(string candidate)
    {
        if (!File.Exists(candidate))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    [GeneratedRegex(@"^git version (\d+)\.(\d+)(?:\.(\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
