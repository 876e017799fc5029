using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryListFilesTests
{
    [Fact]
    public async Task Should_List_Tracked_And_Untracked_Files_But_Not_Ignored_Ones()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile(".gitignore", "*.pyc\nbuild/\n");
        repo.WriteFile("flows/etl.py", "a = 1\n");
        repo.Commit("flows");
        repo.WriteFile("flows/new flow.py", "b = 1\n");
        repo.WriteFile("flows/etl.pyc", "compiled");
        repo.WriteFile("build/lib/out.py", "generated");
        repo.WriteFile("ünï/-rf.py", "c = 1\n");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var files = (await repository.ListFilesAsync()).Value;

        Assert.Equal([".gitignore", "README.md", "flows/etl.py", "flows/new flow.py", "ünï/-rf.py"], files);
    }

    [Fact]
    public async Task Should_List_Paths_From_The_Root_When_Opened_In_A_Subdirectory()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/etl.py", "a = 1\n");
        var repository = (await GitRepository.OpenAsync(repo.FullPath("flows"))).Value;

        var files = (await repository.ListFilesAsync()).Value;

        Assert.Equal(["README.md", "flows/etl.py"], files);
    }

    [Fact]
    public async Task Should_List_A_Conflicted_File_Once()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CommitFile("flow.py", "v = 0\n", "base");
        repo.CreateBranch("other");
        repo.CommitFile("flow.py", "v = 1\n", "main");
        repo.Checkout("other");
        repo.CommitFile("flow.py", "v = 2\n", "other");
        repo.Checkout("main");
        repo.TryGit("merge", "other");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var files = (await repository.ListFilesAsync()).Value;

        Assert.Equal(["README.md", "flow.py"], files);
    }

    [Fact]
    public async Task Should_Return_Only_Ignored_Paths_When_Checking_Ignore_Rules()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile(".gitignore", "*.pyc\n");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var ignored = (await repository.CheckIgnoreAsync(["a.pyc", "-rf.pyc", "a.py", "README.md"])).Value;

        Assert.Equal(new HashSet<string>(["a.pyc", "-rf.pyc"]), ignored);
    }

    [Fact]
    public async Task Should_Return_No_Paths_When_Nothing_Is_Ignored()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Empty((await repository.CheckIgnoreAsync(["a.py"])).Value);
        Assert.Empty((await repository.CheckIgnoreAsync([])).Value);
    }
}
