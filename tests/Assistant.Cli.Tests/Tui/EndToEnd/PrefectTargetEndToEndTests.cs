namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary><c>t</c> in the overview of the real binary: asks, switches the pinned Prefect target, and the choice survives a restart.</summary>
public sealed class PrefectTargetEndToEndTests
{
    [Fact]
    public async Task Should_Switch_The_Prefect_Target_After_Confirmation_And_Keep_It_In_The_Config_File()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        // The flows are listed before their states are read from git; t waits for the states (the summary line).
        await terminal.WaitForAsync("not started");

        await terminal.SendAsync("t");
        // Lines are drawn top to bottom: the dialog's last line means its question is on screen.
        var asked = await terminal.WaitForAsync("y yes    n no");
        Assert.Contains("Switch to prefect2", asked, StringComparison.Ordinal);
        Assert.Contains("from prefect3 to prefect2? 3 Prefect flows not started", asked, StringComparison.Ordinal);
        await terminal.SendAsync("y");

        var switched = await terminal.WaitForAsync("Prefect target is now prefect2");
        Assert.Contains("Prefect target prefect2", switched, StringComparison.Ordinal);
        Assert.Contains("prefect_target: prefect2", await File.ReadAllTextAsync(Path.Combine(repo.Root, ".flowmigrate", "config.yaml")), StringComparison.Ordinal);

        await terminal.SendAsync("q");
        await terminal.WaitForExitAsync();
        await terminal.LaunchAsync(repo.Root);
        var restarted = await terminal.WaitForAsync("daily_etl");
        Assert.Contains("Prefect target prefect2", restarted, StringComparison.Ordinal);
    }
}
