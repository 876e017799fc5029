using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// git fails in the middle of a migration (a commit hook rejects the commit, another git process holds
/// index.lock): flowmigrate says so in one line with a non-zero exit code, the user's checkout stays
/// byte-identical, the repository passes git fsck, and once the cause is gone the same command finishes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GitFailureTests : IDisposable
{
    private readonly TempRepo _repo = new TempRepo("gitfail").Init().Write("flows/hello.py", TempRepo.PrefectFlow("hello")).Commit();

    [Fact]
    public async Task Should_Report_A_Rejecting_Commit_Hook_And_Finish_Once_It_Passes()
    {
        var hook = InstallHook("pre-commit", "#!/bin/sh\necho 'lint: bad format' >&2\nexit 1\n");
        var before = UserCheckout.Snapshot(_repo.Root);

        var rejected = await MigrateAsync();

        Assert.Equal(1, rejected.ExitCode);
        var said = System.Text.RegularExpressions.Regex.Replace(rejected.Output, @"\s+", " ");
        Assert.Contains("a commit hook rejected it", said);
        Assert.Contains("lint: bad format", said);
        AssertUnharmed(before, rejected);
        Assert.NotEqual("committed", await FlowStateAsync());

        File.Delete(hook);
        await AssertFinishesAsync(before);
    }

    [Fact]
    public async Task Should_Name_An_Index_Lock_Taken_In_Its_Worktree_And_Finish_Once_The_Holder_Is_Gone()
    {
        // post-checkout runs in the tool's new worktree right after `git worktree add`: the lock it leaves is
        // what another git process working in that worktree would hold when flowmigrate stages and commits.
        var hook = InstallHook("post-checkout", "#!/bin/sh\ntouch \"$(git rev-parse --git-dir)/index.lock\"\n");
        var before = UserCheckout.Snapshot(_repo.Root);

        var locked = await MigrateAsync();

        Flowmigrate.AssertRefused(locked, 2, "index.lock");
        Assert.Contains(Path.Combine(".git", "worktrees"), locked.Error);
        AssertUnharmed(before, locked);
        Assert.NotEqual("committed", await FlowStateAsync());

        File.Delete(hook);
        await AssertFinishesAsync(before);
    }

    [Fact]
    public async Task Should_Not_Touch_The_Users_Index_Lock_And_Migrate_Beside_It()
    {
        var userLock = Path.Combine(_repo.Root, ".git", "index.lock");
        File.WriteAllText(userLock, string.Empty);
        var before = UserCheckout.Snapshot(_repo.Root);

        await AssertFinishesAsync(before);

        Assert.True(File.Exists(userLock));
    }

    private string InstallHook(string name, string script)
    {
        var hook = Path.Combine(_repo.Root, ".git", "hooks", name);
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook, script);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return hook;
    }

    private Task<CliResult> MigrateAsync() => Flowmigrate.RunAsync(_repo.Root, "migrate", "--all", "--yes", "--no-check");

    private void AssertUnharmed(string before, CliResult result)
    {
        Assert.DoesNotContain("   at ", result.Output + result.Error);
        Assert.Equal(0, _repo.Git("fsck", "--no-progress").ExitCode);
        Assert.Equal(before, UserCheckout.Snapshot(_repo.Root));
    }

    private async Task AssertFinishesAsync(string before)
    {
        var resumed = await MigrateAsync();
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Equal("committed", await FlowStateAsync());
        AssertUnharmed(before, resumed);
    }

    private async Task<string?> FlowStateAsync()
    {
        var status = await Flowmigrate.RunAsync(_repo.Root, "status", "--json");
        using var json = JsonDocument.Parse(status.Output);
        return json.RootElement.GetProperty("flows").EnumerateArray().Single().GetProperty("state").GetString();
    }

    public void Dispose() => _repo.Dispose();
}
