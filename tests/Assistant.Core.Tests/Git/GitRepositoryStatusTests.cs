using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryStatusTests
{
    public static readonly TheoryData<string> AwkwardPaths = new()
    {
        "with space.py",
        "quote\"d.py",
        "it's.py",
        "ünïcødé/flöw.py",
        "日本語.py",
        "-rf.py",
        "--upload-pack=x.py",
        "tab\there.py",
        "[glob]*.py",
    };

    [Fact]
    public async Task Should_Report_Modified_Untracked_Renamed_And_Staged_Paths()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/etl.py", "a = 1\n");
        repo.WriteFile("flows/old name.py", "# a module that is long enough to be detected as renamed\nvalue = 42\n");
        repo.Commit("flows");
        repo.WriteFile("flows/etl.py", "a = 2\n");
        repo.Git("mv", "flows/old name.py", "flows/new name.py");
        repo.WriteFile("notes/todo.txt", "untracked\n");
        repo.WriteFile("added.py", "b = 1\n");
        repo.Git("add", "added.py");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var status = (await repository.StatusAsync()).Value;

        Assert.Equal(
            [
                new StatusEntry(StatusEntryKind.Changed, 'A', '.', "added.py"),
                new StatusEntry(StatusEntryKind.Changed, '.', 'M', "flows/etl.py"),
                new StatusEntry(StatusEntryKind.RenamedOrCopied, 'R', '.', "flows/new name.py") { OriginalPath = "flows/old name.py" },
                new StatusEntry(StatusEntryKind.Untracked, '?', '?', "notes/todo.txt"),
            ],
            status.OrderBy(e => e.Path, StringComparer.Ordinal));
        Assert.True(status.Single(e => e.Path == "added.py").IsStaged);
        Assert.False(status.Single(e => e.Path == "flows/etl.py").IsStaged);
    }

    [Theory]
    [MemberData(nameof(AwkwardPaths))]
    public async Task Should_Report_Path_Verbatim_When_Name_Has_Spaces_Quotes_NonAscii_Or_Leading_Dash(string path)
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile(path, "x = 1\n");
        repo.WriteFile("tracked " + Path.GetFileName(path), "before\n");
        repo.Commit("add tracked");
        repo.WriteFile("tracked " + Path.GetFileName(path), "after\n");
        repo.WriteFile("new " + Path.GetFileName(path), "new\n");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var status = (await repository.StatusAsync()).Value;

        Assert.Contains(new StatusEntry(StatusEntryKind.Changed, '.', 'M', "tracked " + Path.GetFileName(path)), status);
        Assert.Contains(new StatusEntry(StatusEntryKind.Untracked, '?', '?', "new " + Path.GetFileName(path)), status);
    }

    [Fact]
    public async Task Should_Report_Unmerged_Path_When_Merge_Has_A_Conflict()
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

        var status = (await repository.StatusAsync()).Value;

        Assert.Equal([new StatusEntry(StatusEntryKind.Unmerged, 'U', 'U', "flow.py")], status);
    }

    [Fact]
    public async Task Should_Not_Rewrite_The_Index_When_Reading_Status()
    {
        // A changed mtime makes git want to refresh the index; a read-only query must not.
        using var repo = TempGitRepo.CreateWithCommit();
        File.SetLastWriteTimeUtc(repo.FullPath("README.md"), DateTime.UtcNow.AddMinutes(-5));
        var index = Path.Combine(repo.GitDir, "index");
        var before = File.ReadAllBytes(index);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        await repository.StatusAsync();
        await repository.ListFilesAsync();

        Assert.Equal(before, File.ReadAllBytes(index));
    }
}
