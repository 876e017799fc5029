using System.Text.RegularExpressions;

namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary><c>R</c> in the real binary: a rule accepted in one flow is pre-accepted in the others, against the real session.</summary>
public sealed partial class RuleEverywhereEndToEndTests
{
    [Fact]
    public async Task Should_Pre_Accept_The_Rule_In_Another_Flow_After_R_Is_Confirmed()
    {
        using var repo = await DemoRepo.CreateAsync();
        using var terminal = await TmuxTerminal.StartAsync(repo.Root);
        await terminal.WaitForAsync("daily_etl");
        await terminal.SendAsync("Enter");
        await terminal.WaitForAsync("step 1 of 5: Task configuration");

        await terminal.SendAsync("R");
        // Lines are drawn top to bottom: wait for the lowest line read, so the whole frame is on screen.
        var asked = await terminal.WaitForAsync("and this one?");
        var rule = ApplyTitle().Match(asked).Groups[1].Value;
        var others = int.Parse(OtherFlows().Match(asked.ReplaceLineEndings(" ")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(others, 1, 9);
        await terminal.SendAsync("y");
        await terminal.WaitForAsync($"{rule} accepted in {others} other flow");

        await terminal.SendAsync("q");
        await terminal.WaitForAsync("flowmigrate · overview");
        await terminal.SendAsync("/", "churn", "Enter", "Enter");
        var opened = await terminal.WaitForAsync("rule-accepted");
        Assert.Contains("churn_training · step 1 of 5", opened, StringComparison.Ordinal);

        await terminal.SendAsync("a");
        var commit = await terminal.WaitForAsync($"Flowmigrate-Accepted-Rule: {rule}");
        Assert.Contains("─Commit─", commit, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Apply (\S+) everywhere")]
    private static partial Regex ApplyTitle();

    [GeneratedRegex(@"in (\d+) other flows? and this one")]
    private static partial Regex OtherFlows();
}
