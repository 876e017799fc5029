using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

/// <summary><see cref="GitRepository.LogEachAsync"/> gives each tip exactly what <see cref="GitRepository.LogAsync"/> gives it, whatever the shape of the history.</summary>
public sealed class GitRepositoryLogEachTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Give_Each_Branch_Its_Own_Commits_Newest_First_As_LogAsync_Does()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("base");
        repo.CreateBranch("flowmigrate/at-base");
        Branch(repo, "flowmigrate/a", "a", 3);
        Branch(repo, "flowmigrate/b", "b", 1);
        repo.Checkout("flowmigrate/a");
        repo.CreateBranch("flowmigrate/on-a");
        repo.Checkout("flowmigrate/on-a");
        repo.CommitFile("c.py", "c = 1\n", "on top of a");
        repo.Checkout("main");
        repo.CommitFile("main.py", "m = 1\n", "main moves on");

        await AssertSameAsLogAsync(repo, "base", "flowmigrate/at-base", "flowmigrate/a", "flowmigrate/b", "flowmigrate/on-a", "main", "flowmigrate/a");
        await AssertSameAsLogAsync(repo, "main", "flowmigrate/at-base", "flowmigrate/a", "flowmigrate/on-a");
    }

    [Fact]
    public async Task Should_Keep_A_Line_Of_Descent_In_Order_When_Its_Dates_Run_Backwards()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("base");
        repo.Git("checkout", "--quiet", "-b", "flowmigrate/skewed");
        repo.CommitAt("newest date", Noon);
        repo.CommitAt("older date", Noon.AddDays(-3));
        repo.CommitAt("oldest date", Noon.AddDays(-9));
        repo.Checkout("main");

        var log = await AssertSameAsLogAsync(repo, "base", "flowmigrate/skewed");

        Assert.Equal(["oldest date", "older date", "newest date"], log.Single().Value.Select(c => c.Subject));
    }

    [Fact]
    public async Task Should_Follow_A_Branch_That_Merged_The_Base_In()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("flowmigrate/etl");
        repo.CommitFile("main.py", "m = 1\n", "main moves on");
        repo.Checkout("flowmigrate/etl");
        repo.CommitFile("etl.py", "e = 1\n", "step one");
        repo.Git("merge", "--quiet", "--no-edit", "--no-ff", "main");
        repo.CommitFile("etl.py", "e = 2\n", "step two");
        repo.Checkout("main");

        await AssertSameAsLogAsync(repo, "main", "flowmigrate/etl");
    }

    [Fact]
    public async Task Should_Read_A_Branch_That_Merges_Two_Lines_Of_Its_Own_On_Its_Own()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("base");
        repo.Git("checkout", "--quiet", "-b", "flowmigrate/etl");
        repo.CommitAt("fork", Noon);
        repo.Git("checkout", "--quiet", "-b", "side");
        repo.CommitAt("side old", Noon.AddHours(1));
        repo.CommitAt("side new", Noon.AddHours(5));
        repo.Checkout("flowmigrate/etl");
        repo.CommitAt("etl", Noon.AddHours(3));
        repo.Git("merge", "--quiet", "--no-edit", "--no-ff", "side");
        repo.Checkout("main");

        var log = await AssertSameAsLogAsync(repo, "base", "flowmigrate/etl", "side");

        Assert.Equal(8, log.Values.Sum(commits => commits.Count));
    }

    [Fact]
    public async Task Should_Return_Nothing_For_No_Tips_And_Refuse_A_Missing_Base()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        var head = new ObjectId(repo.Git("rev-parse", "HEAD").Trim());

        Assert.Empty((await repository.LogEachAsync([], "main")).Value);
        Assert.Equal(GitErrorKind.RefNotFound, (await repository.LogEachAsync([head], "nope")).Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.LogEachAsync([head], "--all")).Error?.Kind);
    }

    private static void Branch(TempGitRepo repo, string name, string file, int commits)
    {
        repo.Git("checkout", "--quiet", "-b", name);
        for (var index = 1; index <= commits; index++)
        {
            repo.CommitFile(file + ".py", $"{file} = {index}\n", $"{name} {index}");
        }

        repo.Checkout("main");
    }

    // Every tip's LogEachAsync answer equals LogAsync's, commit for commit (ids, parents, messages and trailers, in order).
    private static async Task<IReadOnlyDictionary<ObjectId, IReadOnlyList<CommitInfo>>> AssertSameAsLogAsync(TempGitRepo repo, string excluding, params string[] branches)
    {
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        var tips = branches.Select(b => new ObjectId(repo.Git("rev-parse", b).Trim())).ToList();

        var each = (await repository.LogEachAsync(tips, excluding)).Value;

        Assert.Equal(tips.Distinct().Count(), each.Count);
        foreach (var tip in tips)
        {
            var alone = (await repository.LogAsync(tip.Value, excluding)).Value;
            Assert.Equal(alone.Select(Describe), each[tip].Select(Describe));
        }

        return each;
    }

    private static string Describe(CommitInfo commit) =>
        $"{commit.Id.Value} {string.Join(",", commit.Parents.Select(p => p.Value))} {commit.CommitterDate:O} {commit.Message} {string.Join(";", commit.Trailers)}";
}
