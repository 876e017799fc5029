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

    /// <summary>The v1 code added after the migration started (<see cref="Session.NewV1Code.None"/> unless a verb asked for it).</summary>
    public Session.NewV1Code NewCode { get; init; } = Session.NewV1Code.None;

    /// <summary>Flows added after the migration started that are still on v1.</summary>
    public IReadOnlyList<FlowReport> NewUnmigrated => Unmigrated.Where(f => NewCode.IsNew(f.Status.Id)).ToList();

    /// <summary>
    /// Framework-1 files added after the migration started that no flow still on v1 or already migrated accounts for:
    /// no flow is defined in them and none of the migrated flows' units includes them.
    /// </summary>
    public IReadOnlyList<string> NewV1Files => NewCode.Files
        .Where(file => !Flows.Any(f => f.Status.File == file) && !Flows.Any(f => f.Status.State is Session.FlowState.Merged or Session.FlowState.MigratedOutside && f.UnitFiles.Contains(file)))
        .ToList();
}
