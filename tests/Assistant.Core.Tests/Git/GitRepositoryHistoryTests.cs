using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryHistoryTests
{
    [Fact]
    public async Task Should_Tell_Whether_One_Commit_Is_An_Ancestor_Of_Another()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("side");
        repo.CommitFile("a.py", "a = 1\n", "main moves on");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.True((await repository.IsAncestorAsync("side", "main")).Value);
        Assert.False((await repository.IsAncestorAsync("main", "side")).Value);
        Assert.True((await repository.IsAncestorAsync("main", "main")).Value);
        Assert.Equal(GitErrorKind.RefNotFound, (await repository.IsAncestorAsync("main", "nope")).Error?.Kind);
    }

    [Fact]
    public async Task Should_Find_Merge_Base_Or_None_When_Histories_Are_Unrelated()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var fork = repo.Git("rev-parse", "HEAD").Trim();
        repo.CreateBranch("side");
        repo.CommitFile("a.py", "a = 1\n", "main");
        repo.Checkout("side");
        repo.CommitFile("b.py", "b = 1\n", "side");
        repo.Git("checkout", "--quiet", "--orphan", "lonely");
        repo.Commit("unrelated root");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(fork, (await repository.MergeBaseAsync("main", "side")).Value?.Value);
        Assert.Null((await repository.MergeBaseAsync("main", "lonely")).Value);
    }

    [Fact]
    public async Task Should_Count_Commits_In_A_Range()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("base");
        repo.CommitFile("a.py", "a = 1\n", "one");
        repo.CommitFile("a.py", "a = 2\n", "two");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(3, (await repository.CountCommitsAsync("main")).Value);
        Assert.Equal(2, (await repository.CountCommitsAsync("main", excluding: "base")).Value);
        Assert.Equal(0, (await repository.CountCommitsAsync("base", excluding: "main")).Value);
    }

    [Fact]
    public async Task Should_Read_Log_With_Subject_Body_Parents_And_Trailers()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var parent = repo.Git("rev-parse", "HEAD").Trim();
        var message = "flowmigrate: etl — move config\n\nApplied FLY001.\n\nFlowmigrate-Flow: flows/etl.py:etl\nFlowmigrate-Step:   environment\nSigned-off-by: A <a@example.com>\n";
        repo.WriteFile("b.py", "b = 1\n");
        var id = CommitWithMessage(repo, message);
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var log = (await repository.LogAsync("main", maxCount: 1)).Value;

        var commit = Assert.Single(log);
        Assert.Equal(id, commit.Id.Value);
        Assert.Equal("flowmigrate: etl — move config", commit.Subject);
        Assert.Equal(message.TrimEnd('\n'), commit.Message);
        Assert.Equal("Test User", commit.AuthorName);
        Assert.Equal("test@example.com", commit.AuthorEmail);
        Assert.Equal(parent, commit.Parents.Single().Value);
        Assert.Equal(
            [new CommitTrailer("Flowmigrate-Flow", "flows/etl.py:etl"), new CommitTrailer("Flowmigrate-Step", "environment"), new CommitTrailer("Signed-off-by", "A <a@example.com>")],
            commit.Trailers);
        Assert.Equal(["environment"], commit.TrailerValues("flowmigrate-step"));
    }

    [Fact]
    public async Task Should_Return_Commits_Newest_First_And_Stop_At_Excluded_Revision()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CreateBranch("base");
        repo.CommitFile("a.py", "a = 1\n", "one");
        repo.CommitFile("a.py", "a = 2\n", "two");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var log = (await repository.LogAsync("main", excluding: "base")).Value;

        Assert.Equal(["two", "one"], log.Select(c => c.Subject));
        Assert.All(log, c => Assert.Empty(c.Trailers));
        Assert.Empty((await repository.LogAsync("base", excluding: "main")).Value);
    }

    [Fact]
    public async Task Should_Keep_Only_Commits_Whose_Message_Contains_The_Text_In_Any_Case()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.CommitFile("a.py", "a = 1\n", "one\n\nFlowmigrate-Flow: a.py::one");
        repo.CommitFile("a.py", "a = 2\n", "two (no trailer)");
        repo.CommitFile("a.py", "a = 3\n", "three\n\nflowmigrate-flow: a.py::three");
        repo.CommitFile("a.py", "a = 4\n", "four mentions Flowmigrate-Flow.* as a regex would not");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var log = (await repository.LogAsync("main", messageContaining: "Flowmigrate-Flow")).Value;
        var literal = (await repository.LogAsync("main", messageContaining: "Flowmigrate-Flow.*")).Value;

        Assert.Equal(["four mentions Flowmigrate-Flow.* as a regex would not", "three", "one"], log.Select(c => c.Subject));
        Assert.Equal(["four mentions Flowmigrate-Flow.* as a regex would not"], literal.Select(c => c.Subject));
    }

    [Fact]
    public async Task Should_Return_File_Bytes_At_A_Revision()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        byte[] content = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\r', (byte)'\n', 0x00, 0xFF, (byte)'\t'];
        repo.WriteBytes("data/-rf.py", content);
        repo.Commit("binary-ish");
        repo.WriteFile("data/-rf.py", "changed on disk\n");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var shown = await repository.ShowFileAsync("HEAD", "data/-rf.py");
        var readme = await repository.ShowFileAsync("HEAD~1", "README.md");

        Assert.Equal(content, shown.Value);
        Assert.Equal("# demo\n", Encoding.UTF8.GetString(readme.Value));
    }

    [Fact]
    public async Task Should_Report_PathNotFound_When_File_Is_Not_In_The_Revision()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("later.py", "x = 1\n");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        Assert.Equal(GitErrorKind.PathNotFound, (await repository.ShowFileAsync("HEAD", "later.py")).Error?.Kind);
        Assert.Equal(GitErrorKind.RefNotFound, (await repository.ShowFileAsync("nope", "README.md")).Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.ShowFileAsync("HEAD", "../outside.py")).Error?.Kind);
        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.ShowFileAsync("HEAD", "/etc/passwd")).Error?.Kind);
    }

    private static string CommitWithMessage(TempGitRepo repo, string message)
    {
        var file = Path.Combine(repo.GitDir, "test-message");
        File.WriteAllText(file, message);
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "--cleanup=verbatim", "-F", file);
        return repo.Git("rev-parse", "HEAD").Trim();
    }
}
