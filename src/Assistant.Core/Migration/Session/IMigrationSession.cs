using Assistant.Core.Migration.Inventory;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// A repository being migrated: the inventory, every flow's status (derived from git, so a teammate's
/// clone sees the same), and flows opened one at a time in the wizard. The TUI and the CLI verbs both drive this.
/// </summary>
public interface IMigrationSession : IAsyncDisposable
{
    string Root { get; }

    string BaseBranch { get; }

    /// <summary><c>prefect2</c> or <c>prefect3</c>, pinned for the repository.</summary>
    string PrefectTarget { get; }

    /// <summary><c>side-by-side</c> or <c>in-place</c>.</summary>
    string Mode { get; }

    RepositoryInventory Inventory { get; }

    Task<IReadOnlyList<FlowStatus>> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a flow (creating its branch and worktree when first started) on the step where it stopped.</summary>
    Task<IFlowWizard> OpenAsync(string flowId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a flow; with <paramref name="rewrite"/> the user consents to re-plan its branch on a base that changed
    /// the flow's files (see <see cref="SessionRefusal.RewriteNeeded"/>). Sessions that never rewrite ignore it.
    /// </summary>
    Task<IFlowWizard> OpenAsync(string flowId, bool rewrite, CancellationToken cancellationToken = default) => OpenAsync(flowId, cancellationToken);

    /// <summary>Marks a flow as skipped for this repository (recorded, reversible).</summary>
    Task SkipFlowAsync(string flowId, CancellationToken cancellationToken = default);
}
