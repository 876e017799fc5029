namespace Assistant.Core.Migration.Reporting;

/// <summary>Where a repository's migration stands, gathered once from git: what <c>report</c>, <c>pr-body</c> and <c>status --sarif</c> render.</summary>
public sealed record RepositoryReport(
    string Root,
    string BaseBranch,
    string BaseCommit,
    string Mode,
    string PrefectTarget,
    IReadOnlyList<FlowReport> Flows)
{
    /// <summary>Every TODO marker on the flow branches (or in the base once merged), once per file and line.</summary>
    public IReadOnlyList<Session.TodoItem> Todos =>
        Flows.SelectMany(f => f.Todos).DistinctBy(t => (t.File, t.Line)).OrderBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Line).ToList();

    /// <summary>Flows whose Flyte 1 / Prefect 1 code still runs from the base: not merged and not migrated outside flowmigrate.</summary>
    public IReadOnlyList<FlowReport> Unmigrated =>
        Flows.Where(f => f.Status.State is not (Session.FlowState.Merged or Session.FlowState.MigratedOutside)).ToList();
}
