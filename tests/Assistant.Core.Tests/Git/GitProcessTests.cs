using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Assistant.Core.Git;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Git;

public sealed class GitProcessTests
{
    private static async Task<GitProcess> CreateAsync() => (await GitExecutable.LocateAsync()).Value.CreateProcess();

    [Fact]
    public async Task Should_Return_Exit_Code_And_Stderr_When_Git_Fails()
    {
        using var directory = new TempDirectory();
        var process = await CreateAsync();

        var result = await process.RunAsync(GitCommand.Read(directory.Path, "no-such-command-xyz"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.NotEqual(0, result.Value.ExitCode);
        Assert.NotEmpty(result.Value.StandardError);
    }

    [Fact]
    public async Task Should_Report_DirectoryNotFound_When_Working_Directory_Is_Missing()
    {
        var process = await CreateAsync();

        var result = await process.RunAsync(GitCommand.Read("/nonexistent/flowmigrate", "status"), CancellationToken.None);

        Assert.Equal(GitErrorKind.DirectoryNotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task Should_Not_Deadlock_When_Stdin_And_Stdout_Are_Large()
    {
        // 8 MB in through stdin and back out through stdout, far beyond any pipe buffer.
        using var repo = TempGitRepo.Create();
        var content = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var process = await CreateAsync();
        var write = GitCommand.Write(repo.Path, "hash-object", "-w", "--stdin") with { StandardInput = content };
        var id = (await process.RunAsync(write, CancellationToken.None)).Value.Line;

        var read = await process.RunAsync(GitCommand.Read(repo.Path, "cat-file", "blob", id), CancellationToken.None);

        Assert.Equal(content, read.Value.StandardOutputBytes);
    }

    [Fact]
    public async Task Should_Set_Locale_Prompt_And_Optional_Locks_When_Command_Is_Read_Only()
    {
        using var repo = TempGitRepo.Create();
        repo.Git("config", "alias.show-env", "!env");
        var process = await CreateAsync();

        var read = await process.RunAsync(GitCommand.Read(repo.Path, "show-env"), CancellationToken.None);
        var write = await process.RunAsync(GitCommand.Write(repo.Path, "show-env"), CancellationToken.None);

        var readEnvironment = read.Value.StandardOutput.Split('\n');
        Assert.Contains("LC_ALL=C", readEnvironment);
        Assert.Contains("GIT_TERMINAL_PROMPT=0", readEnvironment);
        Assert.Contains("GIT_OPTIONAL_LOCKS=0", readEnvironment);
        Assert.DoesNotContain("GIT_OPTIONAL_LOCKS=0", write.Value.StandardOutput.Split('\n'));
    }

    [Fact]
    public async Task Should_Kill_Git_And_Throw_When_Cancelled()
    {
        using var repo = TempGitRepo.Create();
        repo.Git("config", "alias.wait", "!sleep 30");
        var process = await CreateAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => process.RunAsync(GitCommand.Read(repo.Path, "wait"), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Should_Quote_Arguments_When_Command_Is_Shown()
    {
        var command = GitCommand.Write("/repo", "commit", "-m", "it's done", "--", "a b.py");

        Assert.Equal("git commit -m 'it'\\''s done' -- 'a b.py'", command.ToString());
        Assert.Equal("git log", GitCommand.Read("/repo", "log").ToString());
        Assert.Equal(Encoding.UTF8.GetBytes("x"), (command with { StandardInput = Encoding.UTF8.GetBytes("x") }).StandardInput);
    }
}
