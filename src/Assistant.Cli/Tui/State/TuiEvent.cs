using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>What the host posts to the render loop: results of effects, progress, resize, and the spinner's tick.</summary>
internal abstract record TuiEvent
{
    public sealed record ScanProgressed(ScanProgress Progress) : TuiEvent;

    public sealed record SessionOpened(RepositoryHeader Repository, IReadOnlyList<FlowStatus> Flows) : TuiEvent;

    public sealed record StatusLoaded(IReadOnlyList<FlowStatus> Flows) : TuiEvent;

    public sealed record WizardChanged(WizardSnapshot Wizard, string? Message = null) : TuiEvent;

    /// <summary>The editor ran; <paramref name="Error"/> says why the edit was not taken (editor failed, edit does not parse).</summary>
    public sealed record Edited(WizardSnapshot Wizard, string? Error) : TuiEvent;

    public sealed record CheckFinished(FlowCheckReport Report) : TuiEvent;

    public sealed record Committed(CommitResult Result, WizardSnapshot Wizard) : TuiEvent;

    public sealed record AllSafeAccepted(IReadOnlyList<CommitResult> Results, WizardSnapshot Wizard) : TuiEvent;

    public sealed record RuleCounted(string RuleId, int Flows) : TuiEvent;

    /// <summary>The rule is accepted in <paramref name="Flows"/> other flows; <paramref name="Wizard"/> is the open flow planned again with it.</summary>
    public sealed record RuleApplied(string RuleId, int Flows, WizardSnapshot? Wizard) : TuiEvent;

    /// <summary>What switching the Prefect target would do, or why it cannot be done now.</summary>
    public sealed record TargetPlanned(TargetChangePlan Plan) : TuiEvent;

    /// <summary>The Prefect target changed: the repository header and every flow's state as re-planned.</summary>
    public sealed record TargetChanged(TargetChangePlan Plan, RepositoryHeader Repository, IReadOnlyList<FlowStatus> Flows) : TuiEvent;

    public sealed record Failed(string Message) : TuiEvent;

    /// <summary>Opening <paramref name="FlowId"/> needs its branch rewritten on the new base; <paramref name="Reason"/> says why.</summary>
    public sealed record RewriteNeeded(string FlowId, string Reason) : TuiEvent;

    public sealed record Resized(TerminalSize Size) : TuiEvent;

    public sealed record Ticked : TuiEvent;
}
