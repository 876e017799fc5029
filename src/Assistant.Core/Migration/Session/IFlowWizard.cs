namespace Assistant.Core.Migration.Session;

/// <summary>
/// One flow opened for migration: its steps, the current step's preview, and the decisions that
/// move it forward. Every decision is recorded (in the branch's commits and the local cache) before
/// the call returns, so the process can be killed at any moment and resume on the same step.
/// </summary>
public interface IFlowWizard
{
    FlowStatus Flow { get; }

    IReadOnlyList<StepView> Steps { get; }

    /// <summary>The step to decide now, or null when every step is decided.</summary>
    StepPreview? Current { get; }

    /// <summary>The commit <see cref="AcceptAsync"/> would make for <see cref="Current"/>.</summary>
    CommitPreview? PendingCommit { get; }

    /// <summary>When opening re-planned the flow on a base that moved (with the user's consent), what that did; null otherwise.</summary>
    string? Replanned => null;

    /// <summary>Plans the current step again, after a decision made outside this wizard (a rule accepted for every flow).</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Turns one proposed change off (or back on) before accepting; recomputes the preview.</summary>
    Task ToggleAsync(ChangeKey change, CancellationToken cancellationToken = default);

    /// <summary>Replaces the converted text of a file of the current step with the user's edit (from $EDITOR); re-parses and re-diffs.
    /// Returns the syntax error when the edit does not parse (the edit is then not taken).</summary>
    Task<string?> EditAsync(string file, string text, CancellationToken cancellationToken = default);

    /// <summary>Commits the current step on the flow's branch and moves to the next step with changes.</summary>
    Task<CommitResult> AcceptAsync(bool skipHooks = false, CancellationToken cancellationToken = default);

    /// <summary>Records the current step as skipped (no commit) and moves on.</summary>
    Task SkipAsync(CancellationToken cancellationToken = default);

    /// <summary>Imports the flow's converted modules in the user's Python and compares what they declare with the old code.</summary>
    Task<FlowCheckReport> CheckAsync(CancellationToken cancellationToken = default);

    /// <summary>Accepts every remaining step with only its safe changes (review changes are turned off).</summary>
    Task<IReadOnlyList<CommitResult>> AcceptAllSafeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits the current step although <paramref name="failedCheck"/> failed ("commit anyway" in the wizard's
    /// check screen); the engine records the override in the commit. The default is a plain
    /// <see cref="AcceptAsync"/> for engines that do not gate commits on the check.
    /// </summary>
    Task<CommitResult> AcceptDespiteCheckAsync(FlowCheckReport failedCheck, CancellationToken cancellationToken = default) =>
        AcceptAsync(cancellationToken: cancellationToken);
}
