using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

/// <summary>Commits with the user's terminal lent: when git needs it, and what reaches it.</summary>
public sealed class GitRepositoryCommitTerminalTests
{
    [Fact]
    public async Task Should_Say_Which_Hooks_Will_Run_And_That_The_Commit_Is_Signed()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.Git("config", "commit.gpgSign", "false");
        var worktree = await AddWorktreeWithChangeAsync(repo);
        Assert.Null(await worktree.CommitInteractionAsync(noVerify: false));

        repo.InstallHook("commit-msg", "#!/bin/sh\nexit 0\n");
        repo.InstallHook("post-commit", "#!/bin/sh\nexit 0\n");
        repo.Git("config", "commit.gpgSign", "true");

        Assert.Equal("git hooks commit-msg, post-commit and commit signing", await worktree.CommitInteractionAsync(noVerify: false));
        Assert.Equal("git hook post-commit and commit signing", await worktree.CommitInteractionAsync(noVerify: true));
    }

    [Fact]
    public async Task Should_Copy_What_A_Hook_Prints_To_The_Terminal_And_Keep_The_Message_Whole()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.InstallHook("commit-msg", "#!/bin/sh\necho 'commit-msg: checking the subject'\necho 'héllo on stderr' >&2\n");
        var worktree = await AddWorktreeWithChangeAsync(repo);
        using var terminal = new StringWriter();

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl") { Body = "# kept\nbody", Terminal = terminal });

        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.Contains("commit-msg: checking the subject", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("héllo on stderr", terminal.ToString(), StringComparison.Ordinal);
        Assert.Equal("flowmigrate: etl\n\n# kept\nbody\n", repo.Git("log", "-1", "--format=%B", "flowmigrate/etl").TrimEnd('\n') + "\n");
    }

    [Fact]
    public async Task Should_Still_Classify_A_Rejecting_Hook_When_The_Terminal_Is_Lent()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.InstallHook("commit-msg", "#!/bin/sh\necho 'subject must reference a ticket'\nexit 1\n");
        var worktree = await AddWorktreeWithChangeAsync(repo);
        using var terminal = new StringWriter();

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl") { Terminal = terminal });

        Assert.Equal(GitErrorKind.HookFailed, commit.Error?.Kind);
        Assert.Contains("must reference a ticket", commit.Error!.GitOutput, StringComparison.Ordinal);
        Assert.Contains("must reference a ticket", terminal.ToString(), StringComparison.Ordinal);
    }

    private static async Task<GitRepository> AddWorktreeWithChangeAsync(TempGitRepo repo)
    {
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "etl"), "flowmigrate/etl", "HEAD")).Value;
        Directory.CreateDirectory(Path.Combine(worktree.Root, "flows"));
        File.WriteAllText(Path.Combine(worktree.Root, "flows", "etl.py"), "import flyte\n");
        Assert.True((await worktree.StageAsync(["flows/etl.py"])).IsSuccess);
        return worktree;
    }
}
