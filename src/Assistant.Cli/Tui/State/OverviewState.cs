using Assistant.Core.Migration.Inventory;
using Assistant.Core.Migration.Session;

namespace Assistant.Cli.Tui.State;

/// <summary>
/// The flows table: every flow's status, the filter typed after <c>/</c>, the sort, and the selected row
/// (an index into <see cref="Visible"/>). <see cref="Repository"/> is null while the scan runs. Once it is done the
/// flows are listed from the scan at once, while their states are still being read from git (<see cref="StatesPending"/>).
/// </summary>
internal sealed record OverviewState
{
    public RepositoryHeader? Repository { get; init; }

    public ScanProgress? Scan { get; init; }

    public IReadOnlyList<FlowStatus> Flows { get; init; } = [];

    public string Filter { get; init; } = string.Empty;

    public bool IsFiltering { get; init; }

    public FlowSort Sort { get; init; } = FlowSort.State;

    public int Selected { get; init; }

    /// <summary>The flows come from the scan; their states (branches, commits, TODOs) are not read from git yet.</summary>
    public bool StatesPending { get; init; }

    /// <summary>The flow enter chose while the states were being read: it opens as soon as they arrive.</summary>
    public string? PendingOpen { get; init; }

    public bool IsScanning => Repository is null;

    public IReadOnlyList<FlowStatus> Visible => Sorted(Flows.Where(Matches)).ToList();

    public FlowStatus? SelectedFlow => Visible.ElementAtOrDefault(Selected);

    public OverviewSummary Summary => OverviewSummary.Of(Flows);

    /// <summary>Why the selected flow cannot be opened now (null: it can; while the states are read, enter waits for them).</summary>
    public string? OpenRefusal => this switch
    {
        { IsScanning: true } => "still scanning",
        { SelectedFlow: null } => "no flow selected",
        { StatesPending: true } => null,
        { SelectedFlow.State: FlowState.Merged } => "already merged",
        { SelectedFlow.State: FlowState.MigratedOutside } => "migrated outside flowmigrate",
        _ => null,
    };

    public OverviewState WithFlows(IReadOnlyList<FlowStatus> flows)
    {
        var keep = SelectedFlow?.Id;
        var next = this with { Flows = flows };
        var index = keep is null ? -1 : next.Visible.ToList().FindIndex(f => f.Id == keep);
        return next.Select(index < 0 ? Selected : index);
    }

    public OverviewState Select(int index) => this with { Selected = Math.Clamp(index, 0, Math.Max(0, Visible.Count - 1)) };

    public OverviewState WithFilter(string filter) => (this with { Filter = filter }).Select(0);

    private bool Matches(FlowStatus flow) =>
        Filter.Length == 0
        || flow.Name.Contains(Filter, StringComparison.OrdinalIgnoreCase)
        || flow.File.Contains(Filter, StringComparison.OrdinalIgnoreCase)
        || StateLabels.Of(flow).Contains(Filter, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<FlowStatus> Sorted(IEnumerable<FlowStatus> flows) => Sort switch
    {
        FlowSort.File => flows.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal),
        _ => flows.OrderBy(f => StateLabels.Rank(f.State)).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal),
    };
}
