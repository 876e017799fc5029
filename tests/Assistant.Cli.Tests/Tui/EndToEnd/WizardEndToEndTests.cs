using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary>The real binary in tmux on a temp copy of the demo repository, driven by keys and read from the screen.</summary>
public sealed class WizardEndToEndTests
{
    private const string FirstStep = "step 1 of 5: Task configuration";

    [Fact]
    public async Task Should_Accept_Every_Step_Commit_And_Show_The_Flow_Committed_In_The_Overview()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");

        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync(FirstStep);
        for (var step = 0; step < 6 && !(await terminal.ScreenAsync()).Contains("flowmigrate · overview", StringComparison.Ordinal); step++)
        {
            await terminal.SendAsync("a");
            await terminal.WaitForAsync("─Commit─");
            await terminal.SendAsync("Enter");
            await terminal.WaitForAsync(" committed (");
        }

        var overview = await terminal.WaitForAsync("every step decided");
        Assert.Contains("flowmigrate · overview", overview, StringComparison.Ordinal);
        Assert.Matches(@"daily_etl\s+flyte_flows/etl_pipeline\.py\s+5 committed", overview);
        var subjects = await repo.GitAsync("log", "--format=%s", "flowmigrate/flyte_flows.etl_pipeline.daily_etl", "^main");
        Assert.Contains("flowmigrate: daily_etl — Task configuration to TaskEnvironment", subjects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Land_On_The_Same_Step_After_The_Process_Is_Killed_Mid_Flow()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync(FirstStep);
        await terminal.SendAsync("a");
        await terminal.WaitForAsync("─Commit─");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync("step 2 of 5");

        await terminal.KillAsync();
        await terminal.LaunchAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");

        // Lines are drawn top to bottom: waiting for the lowest line asserted on means the frame is on screen.
        var screen = await terminal.WaitForAsync("→ 2 Decorator");
        Assert.Contains("step 2 of 5: Decorator", screen, StringComparison.Ordinal);
        Assert.Contains("✓ 1 Task configuration", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Record_A_Skipped_Step_So_It_Stays_Skipped_After_A_Restart()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync(FirstStep);

        await terminal.SendAsync("s");
        var skipped = await terminal.WaitForAsync("(recorded)");
        Assert.Contains("– 1 Task configuration", skipped, StringComparison.Ordinal);

        await terminal.SendAsync("q");
        await terminal.WaitForAsync("flowmigrate · overview");
        await terminal.SendAsync("q");
        await terminal.WaitForExitAsync();
        await terminal.LaunchAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        var reopened = await terminal.WaitForAsync("– 1 Task configuration");
        Assert.DoesNotContain(FirstStep, reopened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Take_The_Edit_Made_In_The_Editor_And_Record_It_In_The_Commit()
    {
        using var repo = await DemoRepo.CreateAsync();
        var editor = Path.Combine(Path.GetDirectoryName(repo.Root)!, "editor.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i '1i # edited in the editor' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var terminal = await TmuxTerminal.StartAsync(repo.Root, new Dictionary<string, string> { ["EDITOR"] = editor });
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync(FirstStep);

        await terminal.SendAsync("e");
        var edited = await terminal.WaitForAsync("edit taken");
        Assert.Contains("+ # edited in the editor", edited, StringComparison.Ordinal);

        await terminal.SendAsync("a");
        var commit = await terminal.WaitForAsync("Flowmigrate-Edited:");
        Assert.Contains("─Commit─", commit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Report_A_Failing_Editor_And_Keep_The_Step()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root, new Dictionary<string, string> { ["EDITOR"] = "false" });
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync(FirstStep);

        await terminal.SendAsync("e");

        var screen = await terminal.WaitForAsync("edit not taken");
        Assert.Contains("exited with code 1", screen, StringComparison.Ordinal);
        Assert.Contains(FirstStep, screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Open_The_Wizard_On_The_Fresh_Demo_Repository_When_Demo_Runs_In_A_Terminal()
    {
        var parent = Directory.CreateTempSubdirectory("flowmigrate-tui-demo-").FullName;
        try
        {
            using var terminal = await TmuxTerminal.StartAsync(parent, arguments: "demo --into repo");

            var overview = await terminal.WaitForAsync("daily_etl");
            Assert.Contains("flowmigrate · overview", overview, StringComparison.Ordinal);
            Assert.Contains("10 flows", overview, StringComparison.Ordinal);

            await terminal.SendAsync("q");
            // The pane's exit status is not asserted here: after `demo` the private tmux server sometimes goes
            // away with the pane, leaving no status to read (an open question, see the issue notes).
            await terminal.WaitForExitAsync();
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Should_Print_A_Hint_And_Exit_2_Without_A_Terminal()
    {
        var result = await CliProcess.RunAsync("tui");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the wizard needs a terminal", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
