using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryCommitTests
{
    [Fact]
    public async Task Should_Return_HookFailed_With_Hook_Output_When_Pre_Commit_Hook_Fails()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.InstallHook("pre-commit", "#!/bin/sh\necho 'would reformat flows/etl.py'\necho 'black failed' >&2\nexit 1\n");
        var (worktree, head) = await AddWorktreeWithChangeAsync(repo);

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl"));

        Assert.Equal(GitErrorKind.HookFailed, commit.Error?.Kind);
        Assert.Contains("would reformat flows/etl.py", commit.Error!.GitOutput, StringComparison.Ordinal);
        Assert.Contains("black failed", commit.Error.GitOutput, StringComparison.Ordinal);
        Assert.Equal(head, (await worktree.HeadCommitAsync()).Value);
    }

    [Fact]
    public async Task Should_Return_HookFailed_When_Commit_Msg_Hook_Rejects_The_Message()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.InstallHook("commit-msg", "#!/bin/sh\necho 'subject must reference a ticket'\nexit 1\n");
        var (worktree, _) = await AddWorktreeWithChangeAsync(repo);

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl"));

        Assert.Equal(GitErrorKind.HookFailed, commit.Error?.Kind);
        Assert.Contains("must reference a ticket", commit.Error!.GitOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Skip_Hooks_Only_When_NoVerify_Is_Set()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.InstallHook("pre-commit", "#!/bin/sh\nexit 1\n");
        var (worktree, head) = await AddWorktreeWithChangeAsync(repo);

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl") { NoVerify = true });

        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.NotEqual(head, commit.Value);
    }

    [Fact]
    public async Task Should_Run_A_Passing_Hook_And_Keep_What_It_Sees()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var marker = Path.Combine(repo.GitDir, "hook-ran");
        repo.InstallHook("pre-commit", $"#!/bin/sh\ngit diff --cached --name-only > '{marker}'\n");
        var (worktree, _) = await AddWorktreeWithChangeAsync(repo);

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl"));

        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.Equal("flows/etl.py\n", File.ReadAllText(marker));
    }

    [Fact]
    public async Task Should_Return_NothingToCommit_When_Nothing_Is_Staged()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/a", "HEAD")).Value;

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: nothing"));

        Assert.Equal(GitErrorKind.NothingToCommit, commit.Error?.Kind);
    }

    [Fact]
    public async Task Should_Use_The_Author_Override_And_Keep_Hash_Lines_In_The_Body()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var (worktree, _) = await AddWorktreeWithChangeAsync(repo);
        var request = new CommitRequest("flowmigrate: etl")
        {
            Body = "# Applied rules\n- FLY001",
            Author = new GitIdentity("Migration Bot", "bot@example.com"),
            Trailers = [new("Flowmigrate-Step", "decorators")],
        };

        var commit = (await worktree.CommitAsync(request)).Value;

        var read = (await worktree.LogAsync(commit.Value, maxCount: 1)).Value.Single();
        Assert.Equal("Migration Bot", read.AuthorName);
        Assert.Equal("bot@example.com", read.AuthorEmail);
        Assert.Equal("Test User", repo.Git("log", "-1", "--format=%cn", commit.Value).Trim());
        Assert.Equal("flowmigrate: etl\n\n# Applied rules\n- FLY001\n\nFlowmigrate-Step: decorators", read.Message);
        Assert.Equal([new CommitTrailer("Flowmigrate-Step", "decorators")], read.Trailers);
    }

    [Fact]
    public async Task Should_Stage_Deletions_And_Only_The_Given_Paths()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/old.py", "x = 1\n");
        repo.WriteFile("flows/keep.py", "y = 1\n");
        repo.Commit("flows");
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/a", "HEAD")).Value;
        File.Delete(Path.Combine(worktree.Root, "flows", "old.py"));
        File.WriteAllText(Path.Combine(worktree.Root, "flows", "keep.py"), "y = 2\n");
        File.WriteAllText(Path.Combine(worktree.Root, "flows", "new.py"), "z = 1\n");

        var staged = await worktree.StageAsync(["flows/old.py", "flows/new.py"]);
        await worktree.CommitAsync(new CommitRequest("flowmigrate: a"));

        Assert.True(staged.IsSuccess, staged.ToString());
        Assert.Equal(["README.md", "flows/keep.py", "flows/new.py"], repo.Git("ls-tree", "-r", "--name-only", "flowmigrate/a").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(new StatusEntry(StatusEntryKind.Changed, '.', 'M', "flows/keep.py"), (await worktree.StatusAsync()).Value);
    }

    [Fact]
    public async Task Should_Stage_Paths_Literally_When_They_Look_Like_Globs()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/a", "HEAD")).Value;
        File.WriteAllText(Path.Combine(worktree.Root, "*.py"), "literal\n");
        File.WriteAllText(Path.Combine(worktree.Root, "other.py"), "not me\n");

        await worktree.StageAsync(["*.py"]);

        var status = (await worktree.StatusAsync()).Value;
        Assert.Contains(new StatusEntry(StatusEntryKind.Changed, 'A', '.', "*.py"), status);
        Assert.Contains(new StatusEntry(StatusEntryKind.Untracked, '?', '?', "other.py"), status);
    }

    [Fact]
    public async Task Should_Report_PathNotFound_When_Staging_A_Path_That_Does_Not_Exist()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/a", "HEAD")).Value;

        var staged = await worktree.StageAsync(["no/such/file.py"]);

        Assert.Equal(GitErrorKind.PathNotFound, staged.Error?.Kind);
    }

    [Fact]
    public async Task Should_Stage_Everything_When_Staging_All()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var (worktree, _) = await AddWorktreeWithChangeAsync(repo, stage: false);
        File.WriteAllText(Path.Combine(worktree.Root, "new.py"), "n = 1\n");

        await worktree.StageAllAsync();

        Assert.All((await worktree.StatusAsync()).Value, entry => Assert.True(entry.IsStaged));
    }

    [Fact]
    public async Task Should_Report_RepositoryLocked_When_Index_Lock_Is_Held()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var (worktree, _) = await AddWorktreeWithChangeAsync(repo, stage: false);
        File.WriteAllText(Path.Combine(worktree.GitDir, "index.lock"), "");

        var staged = await worktree.StageAsync(["flows/etl.py"]);

        Assert.Equal(GitErrorKind.RepositoryLocked, staged.Error?.Kind);
    }

    [Fact]
    public async Task Should_Leave_Gits_Automatic_Maintenance_To_One_Run_After_The_Commits()
    {
        // Maintenance that packs the loose objects as soon as there are two: git starts it after every commit.
        using var repo = TempGitRepo.CreateWithCommit();
        repo.PackLooseObjectsAtTwo();
        var (worktree, head) = await AddWorktreeWithChangeAsync(repo);
        var before = repo.PackCount();

        var commit = await worktree.CommitAsync(new CommitRequest("flowmigrate: etl"));

        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.Equal(commit.Value, (await worktree.HeadCommitAsync()).Value);
        Assert.NotEqual(head, commit.Value);
        Assert.Equal(before, repo.PackCount());
        Assert.True((await worktree.RunAutoMaintenanceAsync()).IsSuccess);
        Assert.Equal(before + 1, repo.PackCount());
    }

    private static async Task<(GitRepository Worktree, ObjectId Head)> AddWorktreeWithChangeAsync(TempGitRepo repo, bool stage = true)
    {
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var worktree = (await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "etl"), "flowmigrate/etl", "HEAD")).Value;
        Directory.CreateDirectory(Path.Combine(worktree.Root, "flows"));
        File.WriteAllText(Path.Combine(worktree.Root, "flows", "etl.py"), "import flyte\n");
        if (stage)
        {
            Assert.True((await worktree.StageAsync(["flows/etl.py"])).IsSuccess);
        }

        return (worktree, (await worktree.HeadCommitAsync()).Value);
    }
}
