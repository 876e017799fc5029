namespace Assistant.Cli.Tui.State;

/// <summary>What the overview says about the repository: where, which base, which frameworks, the pinned Prefect target and the mode.</summary>
internal sealed record RepositoryHeader(string Root, string BaseBranch, IReadOnlyList<string> Frameworks, string PrefectTarget, string Mode)
{
    /// <summary>The session implements <c>IRuleWideDecisions</c> (the wizard's <c>R</c>).</summary>
    public bool SupportsRuleWide { get; init; }

    /// <summary>The session implements <c>IPrefectTargetChoice</c> (the overview's <c>t</c>).</summary>
    public bool SupportsTargetChange { get; init; }

    public bool HasPrefect => Frameworks.Contains("prefect1");

    /// <summary>The Prefect target <c>t</c> switches to.</summary>
    public string OtherPrefectTarget => PrefectTarget == "prefect2" ? "prefect3" : "prefect2";

    /// <summary>Problems of no step to show when the session opens (user rule compile errors…).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
