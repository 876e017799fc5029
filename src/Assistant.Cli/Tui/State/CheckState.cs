using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>The check screen: running (spinner) until <see cref="Report"/> arrives.</summary>
internal sealed record CheckState(FlowCheckReport? Report)
{
    public bool IsRunning => Report is null;

    public bool Failed => Report is { Passed: false };
}
