using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryBranchTests
{
    [Fact]
    public async Task Should_List_Local_And_Remote_Branches_Filtered_By_Prefix()
    {
        using var upstream = TempGitRepo.CreateWithCommit();
        upstream.CreateBranch("flowmigrate/from-teammate");
        upstream.CreateBranch("feature/x");
        using var clone = new TempDirectory();
        TempGitRepo.RunGit(clone.Path, "clone", "--quiet", upstream.Path, "work");
        var work = Path.Combine(clone.Path, "work");
        TempGitRepo.RunGit(work, "branch", "flowmigrate/etl");
        TempGitRepo.RunGit(work, "branch", "flowmigrate-not-ours");
        var repository = (await GitRepository.OpenAsync(work)).Value;

        var branches = (await repository.BranchesAsync("flowmigrate/")).Value;

        Assert.Equal(
            ["refs/heads/flowmigrate/etl", "refs/remotes/origin/flowmigrate/from-teammate"],
            branches.Select(b => b.FullName));
        var remote = branches[1];
        Assert.True(remote.IsRemote);
        Assert.Equal("origin", remote.RemoteName);
        Assert.Equal("flowmigrate/from-teammate", remote.BranchName);
        Assert.Equal("origin/flowmigrate/from-teammate", remote.ShortName);
        Assert.Equal(upstream.Git("rev-parse", "HEAD").Trim(), remote.Commit.Value);
    }

    [Fact]
    public async Task Should_Report_Upstream_Date_And_Skip_Remote_Head_When_Listing_All_Branches()
    {
        using var upstream = TempGitRepo.CreateWithCommit();
        using var clone = new TempDirectory();
        TempGitRepo.RunGit(clone.Path, "clone", "--quiet", upstream.Path, "work");
        var repository = (await GitRepository.OpenAsync(Path.Combine(clone.Path, "work"))).Value;

        var branches = (await repository.BranchesAsync()).Value;

        Assert.Equal(["main", "origin/main"], branches.Select(b => b.ShortName));
        Assert.Equal("refs/remotes/origin/main", branches[0].Upstream);
        Assert.Null(branches[1].Upstream);
        Assert.InRange(branches[0].CommitterDate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task Should_Split_Remote_Name_When_It_Contains_A_Slash()
    {
        using var upstream = TempGitRepo.CreateWithCommit();
        upstream.CreateBranch("flowmigrate/etl");
        using var repo = TempGitRepo.CreateWithCommit();
        repo.Git("remote", "add", "team/upstream", upstream.Path);
        repo.Git("fetch", "--quiet", "team/upstream");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var branch = (await repository.BranchesAsync("flowmigrate/")).Value.Single();

        Assert.Equal("team/upstream", branch.RemoteName);
        Assert.Equal("flowmigrate/etl", branch.BranchName);
    }

    [Fact]
    public async Task Should_Create_Branch_At_Start_Point_Without_Checking_It_Out()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var first = repo.Git("rev-parse", "HEAD").Trim();
        repo.CommitFile("b.py", "b = 1\n", "second");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var created = await repository.CreateBranchAsync("flowmigrate/etl", "HEAD~1");

        Assert.Equal(first, created.Value.Value);
        Assert.Equal(first, repo.Git("rev-parse", "flowmigrate/etl").Trim());
        Assert.Equal("main", (await repository.HeadAsync()).Value.Branch);
        Assert.True((await repository.RefExistsAsync("refs/heads/flowmigrate/etl")).Value);
        Assert.False((await repository.RefExistsAsync("refs/heads/flowmigrate/other")).Value);
    }

    [Fact]
    public async Task Should_Report_RefAlreadyExists_When_Branch_Exists()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var created = await repository.CreateBranchAsync("flowmigrate/etl", "HEAD");

        Assert.Equal(GitErrorKind.RefAlreadyExists, created.Error?.Kind);
    }

    [Theory]
    [InlineData("flowmigrate/etl_pipeline", true)]
    [InlineData("flowmigrate/ünïcode", true)]
    [InlineData("flowmigrate/has space", false)]
    [InlineData("flowmigrate/a..b", false)]
    [InlineData("flowmigrate/x.lock", false)]
    [InlineData("flowmigrate/", false)]
    [InlineData("-rf", false)]
    [InlineData("@{-1}", false)]
    [InlineData("HEAD", false)]
    [InlineData("a~1", false)]
    [InlineData("", false)]
    public async Task Should_Validate_Branch_Names_The_Way_Git_Does(string name, bool valid)
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("previous");
        repo.Checkout("previous");
        repo.Checkout("main");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(valid, (await repository.IsRefNameValidAsync(name)).Value);
    }

    [Fact]
    public async Task Should_Report_InvalidRefName_When_Creating_A_Branch_With_A_Bad_Name()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var created = await repository.CreateBranchAsync("flowmigrate/bad name", "HEAD");

        Assert.Equal(GitErrorKind.InvalidRefName, created.Error?.Kind);
    }

    [Fact]
    public async Task Should_Report_InvalidArgument_When_Ref_Name_Is_Not_Full()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.RefExistsAsync("main")).Error?.Kind);
    }
}
