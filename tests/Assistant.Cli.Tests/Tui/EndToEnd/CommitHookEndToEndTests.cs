namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary>A commit whose git hook talks to the user gets the terminal, as <c>$EDITOR</c> does, and the wizard is redrawn after.</summary>
public sealed class CommitHookEndToEndTests
{
    [Fact]
    public async Task Should_Hand_The_Terminal_To_A_Commit_Msg_Hook_That_Reads_The_Tty_Then_Restore_The_Screen()
    {
        using var repo = await DemoRepo.CreateAsync();
        var hook = Path.Combine(repo.Root, ".git", "hooks", "commit-msg");
        await File.WriteAllTextAsync(hook, "#!/bin/sh\necho 'commit-msg hook: type a word and press enter'\nread word < /dev/tty\necho \"Hook-Word: $word\" >> \"$1\"\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync("step 1 of 5: Task configuration");
        await terminal.SendAsync("a");
        await terminal.WaitForAsync("─Commit─");

        await terminal.SendAsync("Enter");
        var handed = await terminal.WaitForAsync("type a word and press enter");
        Assert.Contains("flowmigrate: committing with git hook commit-msg", handed, StringComparison.Ordinal);
        Assert.DoesNotContain("─Commit─", handed, StringComparison.Ordinal);
        await terminal.SendAsync("banana", "Enter");

        // The status line is drawn last: once it shows, the whole wizard frame is back.
        var restored = await terminal.WaitForAsync("environment committed (");
        Assert.Contains("step 2 of 5", restored, StringComparison.Ordinal);
        Assert.DoesNotContain("type a word", restored, StringComparison.Ordinal);
        Assert.Contains("Hook-Word: banana", await repo.GitAsync("log", "-1", "--format=%B", "flowmigrate/flyte_flows.etl_pipeline.daily_etl"), StringComparison.Ordinal);
    }
}
