using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>How to open a session. Null settings fall back to <c>.flowmigrate/config.yaml</c>, then to defaults.</summary>
public sealed record SessionOptions
{
    public required string Root { get; init; }

    /// <summary>Loads a ruleset by id (<c>flyte1-to-flyte2</c>, <c>prefect1-to-prefect3</c>…).</summary>
    public required Func<string, Ruleset> LoadRuleset { get; init; }

    public string? BaseRef { get; init; }

    public string? PrefectTarget { get; init; }

    public string? Mode { get; init; }

    /// <summary>Also scan submodules and nested repositories (<c>--submodules</c>); null = <c>submodules</c> in config.yaml.</summary>
    public bool? Submodules { get; init; }

    /// <summary>The fixes a step applies unless the user turns them off: safe and review in the wizard,
    /// safe only for <c>migrate</c> without <c>--yes</c>.</summary>
    public FixPolicy Policy { get; init; } = FixPolicy.SafeAndReview;

    /// <summary>Import-check a flow's converted modules before its last commit (syntax is always checked).</summary>
    public bool ImportCheck { get; init; } = true;

    /// <summary>
    /// The user's consent to rewrite a flow branch whose base changed the flow's files: its steps are
    /// replayed on the new base with the recorded decisions (the old tip is kept under <c>refs/flowmigrate/replaced/</c>).
    /// Without it, opening such a flow is refused with a message saying so.
    /// </summary>
    public bool Rewrite { get; init; }

    /// <summary>Limit for one import check of user code.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Names user rules declare equivalent to framework objects; the inventory counts them as those objects.</summary>
    public Rules.UserRules.FrameworkAliasMap Aliases { get; init; } = Rules.UserRules.FrameworkAliasMap.Empty;

    /// <summary>Problems that belong to no step (user rule compile errors, user rules disabled during the session), to show the user.</summary>
    public Func<IReadOnlyList<string>> Notices { get; init; } = () => [];

    /// <summary>Lends the user's terminal to commits that run hooks or are signed (the TUI); null: git runs without one.</summary>
    public ICommitTerminal? CommitTerminal { get; init; }

    /// <summary>Told how the scan that opens the session advances (the TUI's progress bar on large repositories).</summary>
    public IProgress<Inventory.ScanProgress>? ScanProgress { get; init; }
}
