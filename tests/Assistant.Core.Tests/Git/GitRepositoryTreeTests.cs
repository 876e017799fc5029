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
}
