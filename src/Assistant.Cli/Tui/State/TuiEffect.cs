using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>
/// Work a transition asks the host to do (all I/O goes through the session engine, off the render loop);
/// the outcome comes back as a <see cref="TuiEvent"/>.
/// </summary>
internal abstract record TuiEffect
{
    public sealed record RefreshStatus : TuiEffect;

    /// <summary>Opens a flow; <paramref name="Rewrite"/> is the user's consent to re-plan its branch on a base that changed its files.</summary>
    public sealed record OpenFlow(string FlowId, bool Rewrite = false) : TuiEffect;

    public sealed record SkipFlow(string FlowId) : TuiEffect;

    public sealed record ToggleChange(ChangeKey Change) : TuiEffect;

    /// <summary>Runs <c>$EDITOR</c> on <paramref name="Text"/> (the converted text of <paramref name="File"/>) with the terminal handed over.</summary>
    public sealed record EditFile(string File, string Text) : TuiEffect;

    public sealed record AcceptStep(bool SkipHooks) : TuiEffect;

    public sealed record AcceptDespiteCheck(FlowCheckReport Report) : TuiEffect;

    public sealed record SkipStep : TuiEffect;

    public sealed record AcceptAllSafe : TuiEffect;

    public sealed record RunCheck : TuiEffect;

    public sealed record CountRule(string RuleId) : TuiEffect;

    public sealed record ApplyRule(string RuleId) : TuiEffect;

    /// <summary>Asks what switching the Prefect target to <paramref name="Target"/> would do (nothing changes yet).</summary>
    public sealed record PlanTarget(string Target) : TuiEffect;

    /// <summary>Pins the Prefect target <paramref name="Target"/> in the config file and re-plans.</summary>
    public sealed record ChangeTarget(string Target) : TuiEffect;

    public sealed record Quit : TuiEffect;
}
