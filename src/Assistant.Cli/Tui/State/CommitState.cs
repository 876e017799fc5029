using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>The commit screen: the commit <c>enter</c> makes, whether the check was overridden, and the last failure (a hook's output).</summary>
internal sealed record CommitState(CommitPreview Preview)
{
    public FlowCheckReport? OverriddenCheck { get; init; }

    public CommitResult? Failure { get; init; }
}
