using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryHeadTests
{
    [Fact]
    public async Task Should_Report_NoCommits_When_Branch_Is_Unborn()
    {
        using var repo = TempGitRepo.Create();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var commit = await repository.HeadCommitAsync();
        var head = await repository.HeadAsync();

        Assert.Equal(GitErrorKind.NoCommits, commit.Error?.Kind);
        Assert.Contains("main", commit.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(new HeadInfo("main", null), head.Value);
        Assert.True(head.Value.IsUnborn);
    }

    [Fact]
    public async Task Should_Report_NoCommits_When_Resolving_Head_Of_Unborn_Branch()
    {
        using var repo = TempGitRepo.Create();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var head = await repository.RevParseAsync("HEAD");

        Assert.Equal(GitErrorKind.NoCommits, head.Error?.Kind);
    }

    [Fact]
    public async Task Should_Return_Branch_And_Commit_When_Head_Is_On_A_Branch()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        repo.Checkout("flowmigrate/etl");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var head = (await repository.HeadAsync()).Value;

        Assert.Equal("flowmigrate/etl", head.Branch);
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), head.Commit?.Value);
        Assert.False(head.IsDetached);
    }

    [Fact]
    public async Task Should_Report_Detached_When_Head_Points_At_A_Commit()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var first = repo.Git("rev-parse", "HEAD").Trim();
        repo.CommitFile("b.txt", "b\n", "Second");
        repo.Checkout(first);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var head = (await repository.HeadAsync()).Value;

        Assert.True(head.IsDetached);
        Assert.Null(head.Branch);
        Assert.Equal(first, head.Commit?.Value);
    }

    [Fact]
    public async Task Should_Resolve_Abbreviations_And_Relative_Revisions_To_Commits()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var first = repo.Git("rev-parse", "HEAD").Trim();
        repo.CommitFile("b.txt", "b\n", "Second");
        repo.Git("tag", "-a", "v1", "-m", "annotated", first);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(first, (await repository.RevParseAsync("HEAD~1")).Value.Value);
        Assert.Equal(first, (await repository.RevParseAsync(first[..10])).Value.Value);
        Assert.Equal(first, (await repository.RevParseAsync("v1")).Value.Value);
    }

    [Fact]
    public async Task Should_Report_RefNotFound_When_Revision_Does_Not_Exist()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var result = await repository.RevParseAsync("no-such-branch");

        Assert.Equal(GitErrorKind.RefNotFound, result.Error?.Kind);
        Assert.Contains("no-such-branch", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Take_Only_Full_Commit_Ids_It_Verified_Without_Asking_Git_Again()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var commit = repo.Git("rev-parse", "HEAD").Trim();
        var tree = repo.Git("rev-parse", "HEAD^{tree}").Trim();
        var tag = repo.Git("tag", "-a", "v1", "-m", "annotated") + repo.Git("rev-parse", "v1").Trim();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        // A commit's id resolves to itself, every time; a tree's or a tag object's id never does, asked once or twice.
        for (var time = 0; time < 2; time++)
        {
            Assert.Equal(commit, (await repository.RevParseAsync(commit)).Value.Value);
            Assert.Equal(GitErrorKind.RefNotFound, (await repository.RevParseAsync(tree)).Error?.Kind);
            Assert.Equal(commit, (await repository.RevParseAsync(tag)).Value.Value);
            Assert.Equal(GitErrorKind.RefNotFound, (await repository.RevParseAsync(new string('0', 40))).Error?.Kind);
        }
    }
}
