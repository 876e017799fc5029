using Assistant.Core.Git;
using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

public sealed class ReusedCheckWorktreeTests
{
    [Fact]
    public async Task Should_Make_Several_Check_Worktrees_At_Once_And_Move_Each_To_Its_Branch()
    {
        // Given a repository with six branches, each adding a file of its own, and a few hundred files in common
        using var repo = TempGitRepo.CreateWithCommit();
        for (var i = 0; i < 300; i++)
        {
            repo.WriteFile($"pkg/m{i}.py", $"x = {i}\n");
        }

        repo.Commit("common files");
        var branches = Enumerable.Range(1, 6).Select(i => $"flowmigrate/f{i}").ToList();
        foreach (var branch in branches)
        {
            repo.CreateBranch(branch, "main");
            repo.Checkout(branch);
            repo.CommitFile($"{branch.Replace('/', '_')}.py", "y = 1\n", branch);
        }

        repo.Checkout("main");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        using var changes = new SemaphoreSlim(1, 1);

        // When six check worktrees are made at the same moment (as check does on as many workers), five times over
        for (var round = 0; round < 5; round++)
        {
            var worktrees = branches.Select((_, i) => new ReusedCheckWorktree(repository, Path.Combine(repo.GitDir, "flowmigrate", "worktrees", $".check-{i + 1}"), changes)).ToList();
            await Task.WhenAll(worktrees.Select((w, i) => Task.Run(() => w.MoveToAsync(branches[i], CancellationToken.None))));

            // Then each holds its branch's own file
            Assert.All(worktrees.Select((w, i) => (w, i)), p => Assert.True(File.Exists(Path.Combine(p.w.Path, $"{branches[p.i].Replace('/', '_')}.py")), p.w.Path));
            foreach (var worktree in worktrees)
            {
                await worktree.RemoveAsync();
            }
        }

        Assert.Equal([repo.Path], (await repository.WorktreeListAsync()).Value.Select(w => w.Path));
    }
}
