namespace Assistant.Core.Migration.Session.Config;

/// <summary>
/// The operator's choices for a repository, committed as <c>.flowmigrate/config.yaml</c> so the
/// whole team migrates the same way. Every key has a CLI flag that overrides it for one run.
/// </summary>
public sealed record RepositoryConfig
{
    public const string RelativePath = ".flowmigrate/config.yaml";

    public static RepositoryConfig Default { get; } = new();

    /// <summary><c>prefect2</c> or <c>prefect3</c>: the Prefect target, pinned for the repository.</summary>
    public string PrefectTarget { get; init; } = "prefect3";

    /// <summary><c>side-by-side</c> (converted copies in <see cref="ParallelTree"/>) or <c>in-place</c>.</summary>
    public string Mode { get; init; } = "side-by-side";

    /// <summary>Root of the converted copies in side-by-side mode; the same package paths live under it.</summary>
    public string ParallelTree { get; init; } = "flows_v2";

    /// <summary>The branch flow branches start from and merge into; null = the current branch.</summary>
    public string? BaseBranch { get; init; }

    /// <summary>Generate schedules and triggers inactive (Prefect paused, Flyte auto_activate=False) until cutover.</summary>
    public bool SchedulesInactive { get; init; } = true;

    /// <summary>Flyte workflow drivers: <c>sync</c> or <c>async</c>.</summary>
    public string Driver { get; init; } = "sync";

    /// <summary>Prefect run-config kind → work pool name.</summary>
    public IReadOnlyDictionary<string, string> WorkPools { get; init; } = new Dictionary<string, string>();

    /// <summary>Prefect 1 secret name → Prefect 2/3 Secret block name.</summary>
    public IReadOnlyDictionary<string, string> SecretBlocks { get; init; } = new Dictionary<string, string>();

    /// <summary>The Python to use; null = $VIRTUAL_ENV, the repo's .venv/venv, python3.</summary>
    public string? Python { get; init; }

    /// <summary>Path prefixes (repo-relative) never scanned or migrated.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Also scan submodules and nested repositories (<c>--submodules</c>): their flows are listed, and migrate in their
    /// own repository (flowmigrate never writes into a submodule's checkout from the parent).
    /// </summary>
    public bool Submodules { get; init; }

    /// <summary>Extra folders of user rules (C#), besides <c>.flowmigrate/rules</c>.</summary>
    public IReadOnlyList<string> RuleFolders { get; init; } = [];

    /// <summary>The image Flyte 1 tasks without container_image ran on, when the scan cannot find it.</summary>
    public string? DefaultImage { get; init; }
}
