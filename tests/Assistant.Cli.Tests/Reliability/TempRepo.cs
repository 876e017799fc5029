using System.Text;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>A throwaway folder (a git repository once <see cref="Init"/> runs) for the bad-input suite, with git and a snapshot of every file.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static string PrefectFlow(string name) =>
        $"from prefect import Flow, task\n\n@task\ndef hello():\n    return 1\n\nwith Flow(\"{name}\") as flow:\n    hello()\n";

    public TempRepo Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    public TempRepo Write(string path, byte[] bytes)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    public TempRepo Init()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "test");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "commit.gpgsign", "false");
        return this;
    }

    public TempRepo Commit(string message = "flows")
    {
        Git("add", "-A");
        Git("commit", "-q", "--no-verify", "-m", message);
        return this;
    }

    public (int ExitCode, string Output) Git(params string[] arguments) => Run(Root, arguments);

    public static (int ExitCode, string Output) Run(string directory, params string[] arguments)
    {
        var (exitCode, output, error) = GitCli.Run(directory, arguments);
        return (exitCode, output + error);
    }

    /// <summary>Every file under the root, .git included (refs, index, HEAD, state), with its content hash; symlinks by target.</summary>
    public string Snapshot() => string.Join('\n', FileTreeSnapshot.Lines(Root, _ => false));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
