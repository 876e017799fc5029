namespace Assistant.Cli.Tui.State;

/// <summary>What the overview says about the repository: where, which base, which frameworks, the pinned Prefect target and the mode.</summary>
internal sealed record RepositoryHeader(string Root, string BaseBranch, IReadOnlyList<string> Frameworks, string PrefectTarget, string Mode)
{
    /// <summary>The session implements <c>IRuleWideDecisions</c> (the wizard's <c>R</c>).</summary>
    public bool SupportsRuleWide { get; init; }

    /// <summary>Problems of no step to show when the session opens (user rule compile errors…).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
