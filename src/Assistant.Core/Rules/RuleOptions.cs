namespace Assistant.Core.Rules;

/// <summary>The operator's choices that change what rules write (from <c>.flowmigrate/config.yaml</c> and flags).</summary>
public sealed record RuleOptions
{
    public static RuleOptions Default { get; } = new();

    /// <summary><c>prefect2</c> or <c>prefect3</c> for Prefect rulesets; <c>flyte2</c> for Flyte.</summary>
    public string Target { get; init; } = "prefect3";

    /// <summary>Flyte workflow drivers: <c>sync</c> (default) or <c>async</c> (gathers independent calls).</summary>
    public string DriverStyle { get; init; } = "sync";

    /// <summary>Generate schedules and triggers inactive (paused / <c>auto_activate=False</c>) until cutover.</summary>
    public bool SchedulesInactive { get; init; } = true;

    /// <summary>The image Flyte 1 tasks without <c>container_image</c> ran on (from <c>pyflyte --image</c>, config…), if found.</summary>
    public string? DefaultImage { get; init; }

    /// <summary>Prefect 1 secret name → Prefect 2/3 block name, where the operator chose one.</summary>
    public IReadOnlyDictionary<string, string> SecretBlockNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Prefect run-config kind (<c>KubernetesRun</c>, …) → work pool name.</summary>
    public IReadOnlyDictionary<string, string> WorkPools { get; init; } = new Dictionary<string, string>();

    /// <summary>Any other setting, for user rules.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
