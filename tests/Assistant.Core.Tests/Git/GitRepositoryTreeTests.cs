using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitRepositoryTreeTests
{
    [Fact]
    public async Task Should_Read_The_Regular_Files_Of_A_Commit_Byte_For_Byte_Without_Touching_The_Checkout()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var crlf = "a = 1\r\nb = 'é'\r\n";
        repo.WriteFile("flows/ünï code.py", crlf);
        repo.WriteFile("bin/run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(repo.FullPath("bin/run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repo.WriteFile("big.bin", new string('x', 5000));
        repo.WriteFile(".gitattributes", "flows/* export-ignore\n");
        File.CreateSymbolicLink(repo.FullPath("link.py"), "flows/ünï code.py");
        var commit = repo.Commit("files");
        repo.WriteFile("flows/ünï code.py", "changed in the checkout\n");
        repo.CommitFile("later.py", "later = 1\n", "later");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;

        var files = (await repository.TreeFilesAsync(commit, (path, size) => size < 4096)).Value;

        // Symlinks are not regular files; the size filter leaves out big.bin; export-ignore does not apply.
        Assert.Equal([".gitattributes", "README.md", "bin/run.sh", "flows/ünï code.py"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Encoding.UTF8.GetBytes(crlf), files["flows/ünï code.py"]);
        Assert.Equal("#!/bin/sh\n", Encoding.UTF8.GetString(files["bin/run.sh"]));
        Assert.Equal(GitErrorKind.RefNotFound, (await repository.TreeFilesAsync("nope", (_, _) => true)).Error?.Kind);
    }

    [Fact]
    public async Task Should_Read_Many_Files_At_A_Commit_As_ShowFile_Reads_Each()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        repo.WriteFile("flows/ünï code.py", "a = 1\r\n# TODO(flowmigrate T01): x\n");
        repo.WriteFile("with space/x.py", "b = 2\n");
        repo.WriteFile("empty.py", string.Empty);
        repo.WriteFile("big.bin", new string('x', 70_000) + "\n\n");
        File.CreateSymbolicLink(repo.FullPath("link.py"), "flows/ünï code.py");
        var commit = repo.Commit("files");
        repo.CommitFile("later.py", "later = 1\n", "later");
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        string[] asked = ["flows/ünï code.py", "missing.py", "with space/x.py", "empty.py", "flows", "big.bin", "link.py", "later.py", "flows/ünï code.py"];

        var files = (await repository.ShowFilesAsync(commit, asked)).Value;

        Assert.Equal(["big.bin", "empty.py", "flows/ünï code.py", "link.py", "with space/x.py"], files.Keys.Order(StringComparer.Ordinal));
        foreach (var path in asked)
        {
            var one = await repository.ShowFileAsync(commit, path);
            Assert.Equal(one.IsSuccess, files.ContainsKey(path));
            if (one.IsSuccess)
            {
                Assert.Equal(one.Value, files[path]);
            }
        }

        Assert.Empty((await repository.ShowFilesAsync(commit, [])).Value);
        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.ShowFilesAsync(commit, ["../outside.py"])).Error?.Kind);
        Assert.Equal(GitErrorKind.RefNotFound, (await repository.ShowFilesAsync("nope", ["a.py"])).Error?.Kind);
    }

    [Fact]
    public async Task Should_Read_Files_At_Many_Commits_In_One_Answer_As_ShowFiles_Reads_Each()
    {
        using var repo = TempGitRepo.CreateWithCommit();
        var first = new ObjectId(repo.CommitFile("flows/a.py", "a = 1\n", "one"));
        var second = new ObjectId(repo.CommitFile("flows/a.py", "a = 2\n# TODO(flowmigrate T01): x\n", "two"));
        repo.WriteFile("flows/b.py", "b = 1\n");
        var third = new ObjectId(repo.Commit("three"));
        var repository = (await GitRepository.OpenAsync(repo.Path)).Value;
        (ObjectId, IReadOnlyCollection<string>)[] requests =
            [(first, ["flows/a.py", "flows/b.py"]), (third, ["flows/b.py", "flows/a.py", "flows/b.py"]), (second, []), (second, ["flows/a.py", "flows"]), (first, ["flows/a.py"])];

        var each = (await repository.ShowFilesEachAsync(requests)).Value;

        Assert.Equal(requests.Length, each.Count);
        for (var index = 0; index < requests.Length; index++)
        {
            var (commit, paths) = requests[index];
            var alone = (await repository.ShowFilesAsync(commit.Value, paths)).Value;
            Assert.Equal(alone.OrderBy(f => f.Key, StringComparer.Ordinal), each[index].OrderBy(f => f.Key, StringComparer.Ordinal));
        }

        Assert.Equal("a = 2\n# TODO(flowmigrate T01): x\n", Encoding.UTF8.GetString(each[1]["flows/a.py"]));
        Assert.Empty((await repository.ShowFilesEachAsync([])).Value);
        Assert.Equal(GitErrorKind.InvalidArgument, (await repository.ShowFilesEachAsync([(first, ["ok.py"]), (second, ["../outside.py"])])).Error?.Kind);
    }
}
