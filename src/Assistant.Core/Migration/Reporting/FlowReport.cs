using Assistant.Core.Migration.Session;

namespace Assistant.Core.Migration.Reporting;

/// <summary>One flow in a report: its status, where it is defined (1-based line), the steps committed on its branch,
/// the TODO markers its converted files hold, and its check when asked for.</summary>
public sealed record FlowReport(FlowStatus Status, int Line, IReadOnlyList<StepReport> Steps, IReadOnlyList<TodoItem> Todos)
{
    public FlowCheckReport? Check { get; init; }

    /// <summary>The original (repo-relative) files of the flow's migration unit: its module and those it needs.</summary>
    public IReadOnlyList<string> UnitFiles { get; init; } = [];

    /// <summary>Whether <see cref="Check"/> ran (a flow without a branch has nothing to check).</summary>
    public bool Checked { get; init; }
}
