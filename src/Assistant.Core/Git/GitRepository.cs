namespace Assistant.Core.Git;

/// <summary>
/// A git work tree (the user's checkout or a linked worktree), driven through the git CLI.
/// Operations are split by concern over the <c>GitRepository.*.cs</c> files.
/// </summary>
internal sealed partial class GitRepository
{
    private readonly GitExecutable _git;
    private readonly GitProcess _process;

    // Full commit ids RevParseAsync has verified (see there).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _verifiedCommits = new(StringComparer.Ordinal);

    private GitRepository(GitExecutable git, string root, string gitDir, string commonDir)
    {
        _git = git;
        _process = git.CreateProcess();
        Root = root;
        GitDir = gitDir;
        CommonDir = commonDir;
    }

    /// <summary>The top directory of the work tree.</summary>
    public string Root { get; }

    /// <summary>This work tree's git dir: <c>.git</c>, or <c>.git/worktrees/&lt;name&gt;</c> for a linked worktree.</summary>
    public string GitDir { get; }

    /// <summary>The git dir shared by all worktrees (objects, refs, config, hooks).</summary>
    public string CommonDir { get; }

    public bool IsLinkedWorktree => !string.Equals(GitDir, CommonDir, StringComparison.Ordinal);

    public GitExecutable Executable => _git;

    public static async Task<GitResult<GitRepository>> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var git = await GitExecutable.LocateAsync(cancellationToken);
        return git.IsSuccess ? await OpenAsync(git.Value, path, cancellationToken) : git.Error;
    }

    /// <summary>Opens the work tree containing <paramref name="path"/>; refuses bare repositories and git dirs.</summary>
    public static async Task<GitResult<GitRepository>> OpenAsync(GitExecutable git, string path, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(path);
        if (!Directory.Exists(directory))
        {
            return new GitError(GitErrorKind.DirectoryNotFound, $"Not a directory: {directory}");
        }

        // One process for the usual case, a work tree: everything, the top level too, in one rev-parse. git refuses
        // --show-toplevel outside a work tree; then the probe below tells which refusal it is.
        var everything = GitCommand.Read(directory, "rev-parse", "--path-format=absolute",
            "--git-dir", "--git-common-dir", "--is-bare-repository", "--is-inside-work-tree", "--show-toplevel");
        var all = await git.CreateProcess().RunAsync(everything, cancellationToken);
        if (all.IsSuccess && all.Value.ExitCode == 0 && all.Value.Line.Split('\n') is [var dir, var common, "false", "true", var top])
        {
            return new GitRepository(git, FullPath(top), FullPath(dir), FullPath(common));
        }

        var probe = GitCommand.Read(directory, "rev-parse", "--path-format=absolute",
            "--git-dir", "--git-common-dir", "--is-bare-repository", "--is-inside-work-tree");
        var answer = await RunLinesAsync(git.CreateProcess(), probe, 4, $"Not a git repository: {directory}", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error;
        }

        var (gitDir, commonDir, isBare, isInsideWorkTree) = (answer.Value[0], answer.Value[1], answer.Value[2], answer.Value[3]);
        if (isBare == "true")
        {
            return new GitError(GitErrorKind.BareRepository, $"A bare repository has no work tree to migrate: {directory}");
        }

        if (isInsideWorkTree != "true")
        {
            return new GitError(GitErrorKind.NotInWorkTree, $"Inside a git directory, not a work tree: {directory}");
        }

        var topLevel = GitCommand.Read(directory, "rev-parse", "--path-format=absolute", "--show-toplevel");
        var root = await RunLinesAsync(git.CreateProcess(), topLevel, 1, $"Not a git work tree: {directory}", cancellationToken);
        return root.IsSuccess
            ? new GitRepository(git, FullPath(root.Value[0]), FullPath(gitDir), FullPath(commonDir))
            : root.Error;
    }

    /// <summary>Operations left in progress in this work tree (merge, rebase, ...), read from its git dir.</summary>
    public RepositoryState GetState() => RepositoryState.Detect(GitDir);

    public override string ToString() => Root;

    private static async Task<GitResult<string[]>> RunLinesAsync(
        GitProcess process, GitCommand command, int expectedLines, string failure, CancellationToken cancellationToken)
    {
        var run = await process.RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value.ExitCode != 0)
        {
            return GitFailure.From(command, run.Value, GitErrorKind.NotARepository, failure);
        }

        var lines = run.Value.Line.Split('\n');
        return lines.Length == expectedLines
            ? lines
            : GitError.FromCommand(GitErrorKind.UnexpectedOutput, "Unexpected answer from git rev-parse", command, run.Value);
    }

    private static string FullPath(string gitPath) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(gitPath));

    private GitCommand Read(params IReadOnlyList<string> arguments) => GitCommand.Read(Root, arguments);

    private GitCommand Write(params IReadOnlyList<string> arguments) => GitCommand.Write(Root, arguments);

    private Task<GitResult<GitCommandResult>> RunAsync(GitCommand command, CancellationToken cancellationToken) =>
        _process.RunAsync(command, cancellationToken);

    /// <summary>Runs <paramref name="command"/>; any non-zero exit becomes an error of <paramref name="kind"/>.</summary>
    private async Task<GitResult<GitCommandResult>> RunCheckedAsync(
        GitCommand command, GitErrorKind kind, string message, CancellationToken cancellationToken)
    {
        var run = await _process.RunAsync(command, cancellationToken);
        return !run.IsSuccess || run.Value.ExitCode == 0 ? run : GitFailure.From(command, run.Value, kind, message);
    }

    /// <summary>For commands that answer yes/no with exit code 0/1; anything else is an error.</summary>
    private async Task<GitResult<bool>> ExitCodeAsBoolAsync(GitCommand command, string failure, CancellationToken cancellationToken)
    {
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => GitFailure.From(command, run.Value, GitErrorKind.CommandFailed, failure),
        };
    }

    /// <summary>Parses output we asked git for in a fixed format; a mismatch is reported, never thrown.</summary>
    private static GitResult<T> Parse<T>(GitCommand command, GitCommandResult result, Func<GitCommandResult, T> parse)
    {
        try
        {
            return GitResult<T>.Success(parse(result));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return GitError.FromCommand(GitErrorKind.UnexpectedOutput, $"Unexpected output from git: {ex.Message}", command, result);
        }
    }
}
