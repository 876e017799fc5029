using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>An immutable copy of what an <see cref="IFlowWizard"/> shows, taken after each of its calls, so state stays pure.</summary>
internal sealed record WizardSnapshot(FlowStatus Flow, IReadOnlyList<StepView> Steps, StepPreview? Current, CommitPreview? PendingCommit)
{
    public static WizardSnapshot Of(IFlowWizard wizard) => new(wizard.Flow, wizard.Steps.ToList(), wizard.Current, wizard.PendingCommit);

    public bool IsDone => Current is null;

    public int StepNumber => Current is null ? Steps.Count : Steps.ToList().FindIndex(s => s.Step.Id == Current.Step.Step.Id) + 1;

    public int Remaining => Steps.Count(s => s.State is StepState.Current or StepState.Pending);
}
