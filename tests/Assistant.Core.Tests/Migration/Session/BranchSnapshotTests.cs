using Assistant.Core.Git;
using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

/// <summary><see cref="BranchSnapshot.Reaches"/> tells from a tip's commits past the base what <c>git merge-base --is-ancestor</c> tells.</summary>
public sealed class BranchSnapshotTests
{
    [Fact]
    public async Task Should_Tell_Whether_The_Base_Is_An_Ancestor_As_Git_Does_For_Every_Shape_Of_Branch()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("at-base");
        repo.CreateBranch("old-start");
        repo.CreateBranch("ahead");
        Commit(repo, "ahead", "ahead.py");
        repo.CommitFile("main.py", "m = 1\n", "main moves on");
        repo.CreateBranch("behind-base", "HEAD~1");
        Commit(repo, "old-start", "old.py");
        repo.Git("checkout", "--quiet", "-b", "merged-base-in", "old-start");
        repo.Git("merge", "--quiet", "--no-edit", "--no-ff", "main");
        repo.CommitFile("after.py", "a = 1\n", "after the merge");
        repo.Git("checkout", "--quiet", "--orphan", "unrelated");
        repo.Commit("a root of its own");
        repo.Checkout("main");
        repo.Git("merge", "--quiet", "--no-edit", "--no-ff", "ahead");
        repo.CommitFile("main2.py", "m = 2\n", "main moves again");
        repo.CreateBranch("fresh");
        Commit(repo, "fresh", "fresh.py");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        var baseCommit = new ObjectId(repo.Git("rev-parse", "main").Trim());
        string[] branches = ["at-base", "old-start", "ahead", "behind-base", "merged-base-in", "unrelated", "main", "fresh"];
        var tips = branches.Select(b => new ObjectId(repo.Git("rev-parse", b).Trim())).ToList();

        var logs = (await repository.LogEachAsync(tips, "main")).Value;

        foreach (var tip in tips)
        {
            var expected = (await repository.IsAncestorAsync("main", tip.Value)).Value;
            Assert.Equal(expected, BranchSnapshot.Reaches(tip, logs[tip], baseCommit));
        }

        Assert.Equal([false, false, false, false, false, false, true, true], tips.Select(t => BranchSnapshot.Reaches(t, logs[t], baseCommit)));
    }

    [Fact]
    public async Task Should_See_The_Base_Through_A_Merge_Of_It()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        repo.CommitFile("main.py", "m = 1\n", "main moves on");
        Commit(repo, "flowmigrate/etl", "etl.py");
        repo.Checkout("flowmigrate/etl");
        repo.Git("merge", "--quiet", "--no-edit", "--no-ff", "main");
        repo.Checkout("main");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        var tip = new ObjectId(repo.Git("rev-parse", "flowmigrate/etl").Trim());

        var logs = (await repository.LogEachAsync([tip], "main")).Value;

        Assert.True((await repository.IsAncestorAsync("main", tip.Value)).Value);
        Assert.True(BranchSnapshot.Reaches(tip, logs[tip], new ObjectId(repo.Git("rev-parse", "main").Trim())));
    }

    private static void Commit(TempGitRepo repo, string branch, string file)
    {
        repo.Checkout(branch);
        repo.CommitFile(file, "x = 1\n", "on " + branch);
        repo.Checkout("main");
    }
}
