using System.Text;

namespace Assistant.Core.Git;

/// <summary>Staging and committing in this work tree. Callers run these in a flowmigrate worktree, never in the user's checkout.</summary>
internal sealed partial class GitRepository
{
    /// <summary>Stages <paramref name="paths"/> (repo-relative) as they are on disk, deletions included.</summary>
    public async Task<GitResult> StageAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.RepoRelativePaths(paths) is { } invalid)
        {
            return invalid;
        }

        if (paths.Count == 0)
        {
            return GitResult.Success;
        }

        // Paths go through stdin, literally: no glob matching, no option parsing, no command-line length limit.
        var arguments = new[] { "--literal-pathspecs", "add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul" };
        var command = Write(arguments) with { StandardInput = NulSeparated.Join(paths) };
        var run = await RunCheckedAsync(command, GitErrorKind.PathNotFound, "Could not stage the files", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }

    /// <summary>Stages every change in the work tree, untracked files included (ignored ones excluded).</summary>
    public async Task<GitResult> StageAllAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunCheckedAsync(Write("add", "--all"), GitErrorKind.CommandFailed, "Could not stage the changes", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }

    /// <summary>
    /// Commits the index with the user's identity, hooks and signing config (hooks skipped only with
    /// <see cref="CommitRequest.NoVerify"/>) and returns the new commit. A failing hook gives
    /// <see cref="GitErrorKind.HookFailed"/> with the hook's output. The automatic maintenance git starts after each commit is
    /// left to the caller, once after its commits (<see cref="RunAutoMaintenanceAsync"/>): a flow's steps are committed one after
    /// another, and starting it every time was a third of a commit.
    /// </summary>
    public async Task<GitResult<ObjectId>> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default)
    {
        // --cleanup=whitespace keeps body lines starting with '#', which the default cleanup would drop.
        List<string> arguments = ["-c", "maintenance.auto=false", "commit", "--file=-", "--cleanup=whitespace"];
        if (request.NoVerify)
        {
            arguments.Add("--no-verify");
        }

        if (request.Author is { } author)
        {
            arguments.Add("--author=" + author);
        }

        var message = Encoding.UTF8.GetBytes(CommitMessage.Format(request));
        if (request.Terminal is not null)
        {
            return await CommitOnTerminalAsync(arguments, message, request, cancellationToken);
        }

        return await CommitAsync(Write(arguments) with { StandardInput = message }, request.NoVerify, cancellationToken);
    }

    // With the terminal lent, git's stdin is the terminal (hooks and signing programs may read it), so the message goes through a file.
    private async Task<GitResult<ObjectId>> CommitOnTerminalAsync(List<string> arguments, byte[] message, CommitRequest request, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("flowmigrate-commit-").FullName;
        try
        {
            var file = Path.Combine(directory, "MESSAGE");
            await File.WriteAllBytesAsync(file, message, cancellationToken);
            arguments[arguments.IndexOf("--file=-")] = "--file=" + file;
            return await CommitAsync(Write(arguments) with { InheritsInput = true, EchoError = request.Terminal }, request.NoVerify, cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<GitResult<ObjectId>> CommitAsync(GitCommand command, bool noVerify, CancellationToken cancellationToken)
    {
        var run = await RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        if (run.Value.ExitCode != 0)
        {
            var (kind, message) = await ClassifyCommitFailureAsync(run.Value, noVerify, cancellationToken);
            return GitFailure.From(command, run.Value, kind, message);
        }

        return await RevParseAsync("HEAD", cancellationToken);
    }

    /// <summary>
    /// What git does after a commit: <c>git maintenance run --auto</c>, which packs loose objects and the like only when the
    /// repository's own thresholds are passed (<c>gc.auto</c>, <c>maintenance.auto</c>). Quiet; a failure changes nothing.
    /// </summary>
    public async Task<GitResult> RunAutoMaintenanceAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunCheckedAsync(Write("maintenance", "run", "--auto", "--quiet"), GitErrorKind.CommandFailed, "Automatic maintenance failed", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error!;
    }

    private async Task<(GitErrorKind Kind, string Message)> ClassifyCommitFailureAsync(
        GitCommandResult result, bool noVerify, CancellationToken cancellationToken)
    {
        var output = result.CombinedOutput;
        bool Says(string text) => output.Contains(text, StringComparison.Ordinal);

        if (Says("nothing to commit") || Says("no changes added to commit") || Says("nothing added to commit"))
        {
            return (GitErrorKind.NothingToCommit, "Nothing to commit: the staged files are unchanged");
        }

        if (Says("Please tell me who you are") || Says("unable to auto-detect email address") || Says("empty ident name"))
        {
            return (GitErrorKind.IdentityMissing, "git does not know who you are: set user.name and user.email");
        }

        if (Says("failed to sign") || Says("gpg failed"))
        {
            return (GitErrorKind.SigningFailed, "git could not sign the commit (commit.gpgSign is set)");
        }

        // A full disk: git says so, or (writing COMMIT_EDITMSG) silently loses the message the tool gave it.
        if (Says("No space left on device"))
        {
            return (GitErrorKind.CommandFailed, "git could not write the commit: No space left on device");
        }

        if (Says("Aborting commit due to empty commit message"))
        {
            return (GitErrorKind.CommandFailed, "git could not write the commit message (it read it back empty): is the disk full?");
        }

        // A failing pre-commit or commit-msg hook makes git exit without a message of its own.
        var gitSaidWhy = output.Split('\n').Any(line => line.StartsWith("fatal: ", StringComparison.Ordinal));
        if (!noVerify && !gitSaidWhy && (await CommitHooksAsync(cancellationToken)).Any(h => h != "post-commit"))
        {
            return (GitErrorKind.HookFailed, "A commit hook rejected the commit");
        }

        return (GitErrorKind.CommandFailed, "git commit failed");
    }

    /// <summary>
    /// Why a commit here may need the user's terminal: the hooks it will run (skipping <c>--no-verify</c> ones when
    /// <paramref name="noVerify"/>) and commit signing (<c>commit.gpgSign</c>); null when git will not need it.
    /// </summary>
    public async Task<string?> CommitInteractionAsync(bool noVerify, CancellationToken cancellationToken = default)
    {
        var hooks = (await CommitHooksAsync(cancellationToken)).Where(h => !noVerify || h is "prepare-commit-msg" or "post-commit").ToList();
        var signing = await GetConfigAsync("commit.gpgSign", cancellationToken) is { } sign && sign.Trim().ToLowerInvariant() is "true" or "yes" or "on" or "1";
        var reasons = new List<string>();
        if (hooks.Count > 0)
        {
            reasons.Add($"git hook{(hooks.Count == 1 ? "" : "s")} {string.Join(", ", hooks)}");
        }

        if (signing)
        {
            reasons.Add("commit signing");
        }

        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }

    // The executable commit hooks, in the order git runs them.
    private async Task<IReadOnlyList<string>> CommitHooksAsync(CancellationToken cancellationToken)
    {
        // --git-path honours core.hooksPath and resolves to the common dir from a linked worktree.
        var run = await RunAsync(Read("rev-parse", "--git-path", "hooks"), cancellationToken);
        if (!run.IsSuccess || run.Value.ExitCode != 0)
        {
            return [];
        }

        var hooks = Path.GetFullPath(run.Value.Line, Root);
        return new[] { "pre-commit", "prepare-commit-msg", "commit-msg", "post-commit" }
            .Where(hook => File.Exists(Path.Combine(hooks, hook))
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(Path.Combine(hooks, hook)) & UnixFileMode.UserExecute) != 0))
            .ToList();
    }
}
