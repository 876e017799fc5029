using System.Diagnostics;
using System.Text;

namespace Assistant.Core.Tests.Support;

/// <summary>
/// A real git repository in a temp folder, set up with plain git commands (never the code under test),
/// with its own identity and no signing. Deleted on dispose.
/// </summary>
public sealed class TempGitRepo : IDisposable
{
    private readonly TempDirectory _directory = new();

    private TempGitRepo(bool bare)
    {
        Path = _directory.Path;
        Git(bare ? ["init", "--quiet", "--bare", "-b", "main"] : ["init", "--quiet", "-b", "main"]);
        Git("config", "user.name", "Test User");
        Git("config", "user.email", "test@example.com");
        Git("config", "commit.gpgSign", "false");
        Git("config", "core.hooksPath", System.IO.Path.Combine(bare ? Path : GitDir, "hooks"));
    }

    public string Path { get; }

    public string GitDir => System.IO.Path.Combine(Path, ".git");

    /// <summary>An empty repository on the unborn branch <c>main</c>.</summary>
    public static TempGitRepo Create() => new(bare: false);

    public static TempGitRepo CreateBare() => new(bare: true);

    /// <summary>A repository whose <c>main</c> has one commit with <c>README.md</c>.</summary>
    public static TempGitRepo CreateWithCommit()
    {
        var repo = Create();
        repo.WriteFile("README.md", "# demo\n");
        repo.Commit("Initial commit");
        return repo;
    }

    public string FullPath(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public string WriteFile(string relativePath, string content) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var full = FullPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string ReadFile(string relativePath) => File.ReadAllText(FullPath(relativePath));

    /// <summary>Stages everything and commits; returns the new commit id.</summary>
    public string Commit(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Stages everything and commits with this author and committer date (e.g. one older than the parent's); returns the new commit id.</summary>
    public string CommitAt(string message, DateTimeOffset date)
    {
        Git("add", "--all");
        var stamp = date.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + " +0000";
        var run = RunGit(Path, new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = stamp, ["GIT_COMMITTER_DATE"] = stamp }, "commit", "--quiet", "--allow-empty", "-m", message);
        return run.ExitCode == 0 ? Git("rev-parse", "HEAD").Trim() : throw new InvalidOperationException($"git commit failed ({run.ExitCode}): {run.StandardError}");
    }

    public string CommitFile(string relativePath, string content, string message)
    {
        WriteFile(relativePath, content);
        return Commit(message);
    }

    public void CreateBranch(string name, string startPoint = "HEAD") => Git("branch", name, startPoint);

    public void Checkout(string name) => Git("checkout", "--quiet", name);

    /// <summary>Configures git's automatic maintenance to pack the loose objects as soon as there are two (instead of gc), so
    /// whether it ran shows in <see cref="PackCount"/>.</summary>
    public void PackLooseObjectsAtTwo()
    {
        Git("config", "maintenance.gc.enabled", "false");
        Git("config", "maintenance.loose-objects.enabled", "true");
        Git("config", "maintenance.loose-objects.auto", "1");
    }

    /// <summary>The number of pack files in the object store.</summary>
    public int PackCount() => Directory.GetFiles(System.IO.Path.Combine(GitDir, "objects", "pack"), "*.pack").Length;

    /// <summary>Installs an executable hook script (e.g. <c>pre-commit</c>) in the repository's hooks folder.</summary>
    public void InstallHook(string name, string script)
    {
        var path = System.IO.Path.Combine(GitDir, "hooks", name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Runs git in the repository and returns stdout; throws if git fails.</summary>
    public string Git(params string[] arguments)
    {
        var run = TryGit(arguments);
        return run.ExitCode == 0
            ? run.StandardOutput
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({run.ExitCode}): {run.StandardError}");
    }

    public GitRun TryGit(params string[] arguments) => RunGit(Path, arguments);

    public static GitRun RunGit(string workingDirectory, params string[] arguments) => RunGit(workingDirectory, new Dictionary<string, string>(), arguments);

    public static GitRun RunGit(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
        startInfo.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new GitRun(process.ExitCode, stdout, stderr.Result);
    }

    public void Dispose() => _directory.Dispose();
}
