using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class RepositoryStateTests
{
    [Fact]
    public async Task Should_Be_Idle_When_Nothing_Is_In_Progress()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var state = repository.GetState();

        Assert.True(state.IsIdle);
        Assert.Equal("idle", state.Describe());
    }

    [Fact]
    public async Task Should_Detect_Merge_When_A_Merge_Stopped_On_A_Conflict()
    {
        using var repo = CreateConflictingBranches();
        Assert.NotEqual(0, repo.TryGit("merge", "other").ExitCode);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var state = repository.GetState();

        Assert.True(state.Merging);
        Assert.False(state.IsIdle);
        Assert.Equal("merge in progress", state.Describe());
    }

    [Fact]
    public async Task Should_Detect_Rebase_When_A_Rebase_Stopped_On_A_Conflict()
    {
        using var repo = CreateConflictingBranches();
        Assert.NotEqual(0, repo.TryGit("rebase", "other").ExitCode);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.True(repository.GetState().Rebasing);
    }

    [Fact]
    public async Task Should_Detect_Cherry_Pick_When_A_Cherry_Pick_Stopped_On_A_Conflict()
    {
        using var repo = CreateConflictingBranches();
        Assert.NotEqual(0, repo.TryGit("cherry-pick", "other").ExitCode);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var state = repository.GetState();

        Assert.True(state.CherryPicking);
        Assert.False(state.Merging);
    }

    [Fact]
    public async Task Should_Detect_Revert_When_A_Revert_Stopped_On_A_Conflict()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CommitFile("flow.py", "a = 1\n", "one");
        repo.CommitFile("flow.py", "a = 2\n", "two");
        Assert.NotEqual(0, repo.TryGit("revert", "--no-edit", "HEAD~1").ExitCode);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.True(repository.GetState().Reverting);
    }

    [Fact]
    public async Task Should_Detect_Bisect_When_A_Bisect_Is_Running()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CommitFile("flow.py", "a = 1\n", "one");
        repo.Git("bisect", "start");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.True(repository.GetState().Bisecting);
    }

    [Fact]
    public async Task Should_Report_Only_The_Worktree_That_Has_The_Merge()
    {
        using var repo = CreateConflictingBranches();
        Assert.NotEqual(0, repo.TryGit("merge", "other").ExitCode);
        var main = (await GitRepository.OpenAsync(repo.Path)).Value;
        var linked = (await main.WorktreeAddAsync(Path.Combine(repo.GitDir, "flowmigrate", "wt"), "side", "HEAD")).Value;

        Assert.True(main.GetState().Merging);
        Assert.True(linked.GetState().IsIdle);
    }

    private static TempGitRepo CreateConflictingBranches()
    {
        var repo = TempGitRepo.CreateWithCommit();
        repo.CommitFile("flow.py", "value = 'base'\n", "base");
        repo.CreateBranch("other");
        repo.CommitFile("flow.py", "value = 'main'\n", "main change");
        repo.Checkout("other");
        repo.CommitFile("flow.py", "value = 'other'\n", "other change");
        repo.Checkout("main");
        return repo;
    }
}
