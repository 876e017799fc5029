using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryWorktreeTests
{
    [Fact]
    public async Task Should_Commit_In_A_Worktree_And_Leave_The_Dirty_User_Checkout_Byte_Identical()
    {
        // Given a user checkout with an unstaged edit, a staged edit and an untracked file
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/etl.py", "from flytekit import task\n");
        repo.WriteFile("flows/shared.py", "X = 1\n");
        repo.Commit("flows");
        repo.WriteFile("flows/etl.py", "from flytekit import task  # user's unsaved idea\n");
        repo.WriteFile("flows/shared.py", "X = 2\n");
        repo.Git("add", "flows/shared.py");
        repo.WriteFile("scratch/notes.txt", "untracked\n");
        var before = DirectorySnapshot.OfCheckout(repo.Path);
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var statusBefore = (await user.StatusAsync()).Value;

        // When a flow is migrated in its own worktree and committed with trailers
        var worktreePath = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "etl");
        var worktree = (await user.WorktreeAddAsync(worktreePath, "flowmigrate/etl", "main")).Value;
        File.WriteAllText(Path.Combine(worktree.Root, "flows", "etl.py"), "import flyte\n");
        Assert.True((await worktree.StageAsync(["flows/etl.py"])).IsSuccess);
        var request = new CommitRequest("flowmigrate: etl — move task config to TaskEnvironment")
        {
            Body = "Rules: FLY001, FLY002\nTODO: none",
            Trailers = [new("Flowmigrate-Flow", "flows/etl.py:etl"), new("Flowmigrate-Step", "environment"), new("Flowmigrate-Ruleset", "flyte1-to-flyte2@1.0.0")],
        };
        var commit = await worktree.CommitAsync(request);
        var removed = await user.WorktreeRemoveAsync(worktreePath);

        // Then the branch holds the commit and its trailers, and the user's checkout is untouched
        Assert.True(commit.IsSuccess, commit.ToString());
        Assert.True(removed.IsSuccess, removed.ToString());
        Assert.False(Directory.Exists(worktreePath));
        var log = (await user.LogAsync("flowmigrate/etl", excluding: "main")).Value;
        var migrated = Assert.Single(log);
        Assert.Equal(commit.Value, migrated.Id);
        Assert.Equal(request.Subject, migrated.Subject);
        Assert.Equal(request.Trailers, migrated.Trailers);
        Assert.Contains("Rules: FLY001, FLY002\nTODO: none", migrated.Message, StringComparison.Ordinal);
        Assert.Equal("import flyte\n", System.Text.Encoding.UTF8.GetString((await user.ShowFileAsync("flowmigrate/etl", "flows/etl.py")).Value));
        Assert.Empty(before.DifferencesFrom(DirectorySnapshot.OfCheckout(repo.Path)));
        Assert.Equal(statusBefore, (await user.StatusAsync()).Value);
        Assert.Equal("main", (await user.HeadAsync()).Value.Branch);
        Assert.Equal(0, repo.TryGit("fsck", "--no-progress", "--strict").ExitCode);
    }

    [Fact]
    public async Task Should_Open_The_New_Worktree_As_A_Linked_Worktree()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "a");

        var worktree = (await user.WorktreeAddAsync(path, "flowmigrate/a", "HEAD")).Value;

        Assert.Equal(path, worktree.Root);
        Assert.True(worktree.IsLinkedWorktree);
        Assert.Equal(user.CommonDir, worktree.CommonDir);
        Assert.Equal("flowmigrate/a", (await worktree.HeadAsync()).Value.Branch);
    }

    [Fact]
    public async Task Should_Leave_A_New_Worktree_Whose_Files_Git_Need_Not_Read_Again_Yet_Sees_Every_Change()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/etl.py", "X = 1\n");
        repo.WriteFile("flows/deep/er/more.py", "Y = 2\n");
        repo.WriteFile(".hidden/conf.py", "Z = 3\n");
        var outside = Path.Combine(repo.Path, "..", Path.GetFileName(repo.Path) + "-target.txt");
        File.WriteAllText(outside, "outside\n");
        var outsideTime = File.GetLastWriteTimeUtc(outside);
        File.CreateSymbolicLink(repo.FullPath("link.txt"), outside);
        repo.Commit("files");
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "settled");

        try
        {
            var worktree = (await user.WorktreeAddAsync(path, "flowmigrate/settled", "HEAD")).Value;

            // git compares by content every file not older than its index by a second or more (see SettleCheckoutAsync): none is.
            var index = File.GetLastWriteTimeUtc(Path.Combine(repo.GitDir, "worktrees", "settled", "index"));
            foreach (var file in new[] { "README.md", "flows/etl.py", "flows/deep/er/more.py", ".hidden/conf.py" })
            {
                Assert.True(index - File.GetLastWriteTimeUtc(Path.Combine(path, file)) >= TimeSpan.FromSeconds(1), file);
            }

            // A symlink's target (here outside the repository) keeps its time; the index matches the files as they are.
            Assert.Equal(outsideTime, File.GetLastWriteTimeUtc(outside));
            Assert.Empty((await worktree.StatusAsync()).Value);

            // A change of the same size made at once is still seen, and committed.
            File.WriteAllText(Path.Combine(path, "flows", "etl.py"), "X = 9\n");
            Assert.Equal(["flows/etl.py"], (await worktree.StatusAsync()).Value.Select(e => e.Path));
            Assert.True((await worktree.StageAsync(["flows/etl.py"])).IsSuccess);
            Assert.True((await worktree.CommitAsync(new CommitRequest("change"))).IsSuccess);
            Assert.Equal("X = 9\n", System.Text.Encoding.UTF8.GetString((await user.ShowFileAsync("flowmigrate/settled", "flows/etl.py")).Value));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Should_List_Worktrees_With_Their_Branches()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "a");
        await user.WorktreeAddAsync(path, "flowmigrate/a", "HEAD");

        var worktrees = (await user.WorktreeListAsync()).Value;

        Assert.Equal([repo.Path, path], worktrees.Select(w => w.Path));
        Assert.Equal(["refs/heads/main", "refs/heads/flowmigrate/a"], worktrees.Select(w => w.Branch));
        Assert.All(worktrees, w => Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), w.Head?.Value));
    }

    [Fact]
    public async Task Should_Check_Out_An_Existing_Branch_When_No_Start_Point_Is_Given()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;

        var worktree = await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "etl"), "flowmigrate/etl");
        var missing = await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "x"), "flowmigrate/missing");

        Assert.Equal("flowmigrate/etl", (await worktree.Value.HeadAsync()).Value.Branch);
        Assert.Equal(GitErrorKind.RefNotFound, missing.Error?.Kind);
        Assert.False(Directory.Exists(Path.Combine(repo.GitDir, "fm", "x")));
    }

    [Fact]
    public async Task Should_Refuse_When_Branch_Exists_Is_Checked_Out_Or_Path_Is_In_Use()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var busy = repo.WriteFile("busy/file.txt", "x");

        var exists = await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/etl", "HEAD");
        var checkedOut = await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "b"), "main");
        var inUse = await user.WorktreeAddAsync(Path.GetDirectoryName(busy)!, "flowmigrate/new", "HEAD");

        Assert.Equal(GitErrorKind.RefAlreadyExists, exists.Error?.Kind);
        Assert.Equal(GitErrorKind.BranchCheckedOut, checkedOut.Error?.Kind);
        Assert.Equal(GitErrorKind.WorktreePathInUse, inUse.Error?.Kind);
        Assert.Equal("x", repo.ReadFile("busy/file.txt"));
    }

    [Fact]
    public async Task Should_Refuse_To_Remove_A_Dirty_Worktree_Unless_Forced()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "fm", "a");
        await user.WorktreeAddAsync(path, "flowmigrate/a", "HEAD");
        File.WriteAllText(Path.Combine(path, "half-done.py"), "x = 1\n");

        var refused = await user.WorktreeRemoveAsync(path);
        var forced = await user.WorktreeRemoveAsync(path, force: true);

        Assert.Equal(GitErrorKind.WorktreeDirty, refused.Error?.Kind);
        Assert.True(forced.IsSuccess, forced.ToString());
        Assert.False(Directory.Exists(path));
        Assert.True((await user.RefExistsAsync("refs/heads/flowmigrate/a")).Value);
    }

    [Fact]
    public async Task Should_Report_WorktreeNotFound_When_Removing_A_Path_That_Is_Not_A_Worktree()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;

        var removed = await user.WorktreeRemoveAsync(Path.Combine(repo.GitDir, "fm", "never"));

        Assert.Equal(GitErrorKind.WorktreeNotFound, removed.Error?.Kind);
    }

    [Fact]
    public async Task Should_Prune_A_Worktree_Whose_Directory_Was_Deleted()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "fm", "a");
        await user.WorktreeAddAsync(path, "flowmigrate/a", "HEAD");
        TempDirectory.DeleteDirectory(path);

        var stale = (await user.WorktreeListAsync()).Value;
        var pruned = await user.WorktreePruneAsync();
        var after = (await user.WorktreeListAsync()).Value;

        Assert.True(stale.Single(w => w.Path == path).IsPrunable);
        Assert.True(pruned.IsSuccess);
        Assert.Equal([repo.Path], after.Select(w => w.Path));
        Assert.True((await user.WorktreeAddAsync(path, "flowmigrate/a")).IsSuccess);
    }

    [Fact]
    public async Task Should_Move_A_Detached_Worktree_From_Branch_To_Branch_Holding_Exactly_Each_Commits_Files()
    {
        // Given two branches that differ in a file each, one of them checked out in the user's checkout
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/a");
        repo.CreateBranch("flowmigrate/b");
        repo.Checkout("flowmigrate/a");
        repo.CommitFile("a.py", "a = 1\n", "a");
        repo.Checkout("flowmigrate/b");
        repo.CommitFile("b.py", "b = 1\n", "b");
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;
        var path = Path.Combine(repo.GitDir, "fm", ".check-1");

        // When a detached worktree is made at a, something is left in it, and it moves to b (checked out in the user's checkout)
        var worktree = await user.WorktreeAddDetachedAsync(path, "refs/heads/flowmigrate/a");
        Assert.True(worktree.IsSuccess, worktree.ToString());
        var atA = File.Exists(Path.Combine(path, "a.py")) && !File.Exists(Path.Combine(path, "b.py"));
        File.WriteAllText(Path.Combine(path, "left-by-the-check.txt"), "x");
        Directory.CreateDirectory(Path.Combine(path, "__pycache__"));
        var moved = await worktree.Value.CheckOutDetachedAsync("refs/heads/flowmigrate/b");

        // Then it holds b's files alone, on a detached HEAD, and neither branch is held by it
        Assert.True(atA);
        Assert.True(moved.IsSuccess, moved.ToString());
        Assert.Equal(["README.md", "b.py"], Directory.GetFileSystemEntries(path).Select(Path.GetFileName).Where(n => n != ".git").Order(StringComparer.Ordinal));
        Assert.Null((await worktree.Value.HeadAsync()).Value.Branch);
        Assert.True((await user.WorktreeAddAsync(Path.Combine(repo.GitDir, "fm", "a"), "flowmigrate/a")).IsSuccess);
    }

    [Fact]
    public async Task Should_Refuse_To_Move_The_Main_Checkout_Or_To_A_Revision_Git_Could_Misread()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var user = (await GitRepository.OpenAsync(repo.Path)).Value;

        var main = await user.CheckOutDetachedAsync("HEAD");
        var option = await user.WorktreeAddDetachedAsync(Path.Combine(repo.GitDir, "fm", "x"), "--orphan");

        Assert.Equal(GitErrorKind.InvalidArgument, main.Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidArgument, option.Error?.Kind);
        Assert.False(Directory.Exists(Path.Combine(repo.GitDir, "fm", "x")));
    }
}
