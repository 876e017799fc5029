using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

public sealed class NewV1CodeFinderTests(SharedWorker shared) : IClassFixture<SharedWorker>, IDisposable
{
    private readonly SessionTestRuleset _rules = new();

    [Fact]
    public async Task Should_Find_Nothing_New_Before_The_First_Flowmigrate_Commit()
    {
        using var repo = FlyteTestRepo.Create();
        repo.CommitFile("flows/late.py", LateFlow, "v1 before any migration");
        await using var session = await OpenAsync(repo);

        var found = await session.NewV1CodeAsync();

        Assert.Null(found.Start);
        Assert.Empty(found.Flows);
        Assert.Empty(found.Files);
    }

    [Fact]
    public async Task Should_Date_The_Start_From_A_Merged_And_Deleted_Branch_And_Report_Flows_Added_After_It()
    {
        using var repo = FlyteTestRepo.Create();
        var start = repo.Git("rev-parse", "HEAD").Trim();
        await using (var session = await OpenAsync(repo))
        {
            var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
            while (wizard.Current is not null)
            {
                Assert.True((await wizard.AcceptAsync()).IsSuccess);
            }
        }

        repo.CommitFile("notes.md", "main moves on\n", "unrelated");
        repo.Git("merge", "--quiet", "--no-ff", "-m", "merge the etl migration", "flowmigrate/flows.etl.etl");
        repo.Git("worktree", "prune");
        repo.Git("branch", "-D", "flowmigrate/flows.etl.etl");
        repo.CommitFile("flows/late.py", LateFlow, "a teammate adds a v1 workflow");
        repo.CommitFile("flows/report.py", repo.ReadFile("flows/report.py") + "\n\n@workflow\ndef extra(x: int) -> int:\n    return double(x=x)\n", "and one more in an old file");

        await using var again = await OpenAsync(repo);
        var found = await again.NewV1CodeAsync();

        Assert.Equal(start, found.Start?.Commit);
        Assert.Contains("on main", found.Start!.Via);
        Assert.Equal(["flows/late.py::late_flow", "flows/report.py::extra"], found.Flows.Order(StringComparer.Ordinal));
        Assert.Equal(["flows/late.py"], found.Files);
    }

    private const string LateFlow = "from flytekit import workflow\nfrom flows.tasks import double\n\n\n@workflow\ndef late_flow(x: int) -> int:\n    return double(x=x)\n";

    private async Task<MigrationSession> OpenAsync(TempGitRepo repo) =>
        (MigrationSession)await MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = _rules.Load }, shared.Worker);

    public void Dispose() => _rules.Dispose();
}
