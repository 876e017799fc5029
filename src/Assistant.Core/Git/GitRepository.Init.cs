namespace Assistant.Core.Git;

/// <summary>Creating repositories and writing their local config (used for the bundled demo and tests).</summary>
internal sealed partial class GitRepository
{
    /// <summary>Runs <c>git init</c> in <paramref name="path"/> (created if missing) and opens the new work tree.</summary>
    public static async Task<GitResult<GitRepository>> InitAsync(GitExecutable git, string path, string initialBranch, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.Revision(initialBranch) is { } invalid)
        {
            return invalid;
        }

        Directory.CreateDirectory(path);
        var command = GitCommand.Write(path, "init", "--quiet", "--initial-branch=" + initialBranch, ".");
        var run = await git.CreateProcess().RunAsync(command, cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.ExitCode == 0
            ? await OpenAsync(git, path, cancellationToken)
            : GitFailure.From(command, run.Value, GitErrorKind.CommandFailed, $"Could not create a repository in {path}");
    }

    /// <summary>Sets a key in this repository's own config (<c>git config --local</c>).</summary>
    public async Task<GitResult> SetLocalConfigAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        var run = await RunCheckedAsync(Write("config", "--local", "--", key, value), GitErrorKind.CommandFailed, $"Could not set {key}", cancellationToken);
        return run.IsSuccess ? GitResult.Success : run.Error;
    }

    /// <summary>A config value as git resolves it (all scopes), or null when unset.</summary>
    public async Task<string?> GetConfigAsync(string key, CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(Read("config", "--get", "--", key), cancellationToken);
        return run.IsSuccess && run.Value.ExitCode == 0 ? run.Value.Line : null;
    }
}
