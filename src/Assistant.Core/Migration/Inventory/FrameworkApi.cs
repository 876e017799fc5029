namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// Recognises framework objects by qualified name, whichever public path the code imported them
/// from (<c>flytekit.task</c>, <c>flytekit.core.task.task</c>; <c>prefect.Flow</c>, <c>prefect.core.flow.Flow</c>).
/// </summary>
internal static class FrameworkApi
{
    private static readonly string[] Prefect1OnlyModules =
    [
        "prefect.engine", "prefect.tasks", "prefect.schedules", "prefect.executors", "prefect.run_configs", "prefect.storage",
        "prefect.environments", "prefect.triggers", "prefect.utilities", "prefect.core", "prefect.backend", "prefect.agent",
    ];

    private static readonly string[] Prefect1OnlyNames =
    [
        "prefect.Flow", "prefect.Parameter", "prefect.Task", "prefect.case", "prefect.unmapped", "prefect.flatten", "prefect.apply_map",
        "prefect.resource_manager", "prefect.mapped", "prefect.Client", "prefect.signals", "prefect.context", "prefect.config",
        // v1's API client and secrets: 2/3 have a prefect.client package too, but not these names (checked before Prefect2OnlyNames)
        "prefect.client.Client", "prefect.client.Secret", "prefect.client.client", "prefect.client.secrets",
    ];

    private static readonly string[] Prefect2OnlyNames =
    [
        "prefect.flow", "prefect.get_run_logger", "prefect.deploy", "prefect.serve", "prefect.runtime", "prefect.task_runners",
        "prefect.futures", "prefect.deployments", "prefect.blocks", "prefect.variables", "prefect.client", "prefect.states",
        "prefect.cache_policies", "prefect.artifacts", "prefect.logging", "prefect.server", "prefect.workers", "prefect.events",
        "prefect.filesystems", "prefect.transactions", "prefect.results",
    ];

    /// <summary>Keywords of <c>@task</c> that only Prefect 1 knows.</summary>
    public static readonly HashSet<string> Prefect1TaskKeywords =
    [
        "max_retries", "retry_delay", "cache_for", "cache_validator", "cache_key", "checkpoint", "result", "target", "state_handlers",
        "trigger", "skip_on_upstream_skip", "log_stdout", "nout", "task_run_name",
    ];

    public static bool IsFlytekit(string qualified) => Under(qualified, "flytekit") || Under(qualified, "flytekitplugins");

    public static bool IsFlyte2(string qualified) => Under(qualified, "flyte");

    public static bool IsPrefect(string qualified) => Under(qualified, "prefect");

    public static bool IsPrefect1Only(string qualified) =>
        Prefect1OnlyModules.Any(m => Under(qualified, m)) || Prefect1OnlyNames.Any(n => Under(qualified, n));

    public static bool IsPrefect2Only(string qualified) => Prefect2OnlyNames.Any(n => Under(qualified, n));

    public static bool IsFlyteTaskDecorator(string? q) => q is not null && IsFlytekit(q) && Last(q) == "task";

    public static bool IsFlyteWorkflowDecorator(string? q) => q is not null && IsFlytekit(q) && Last(q) == "workflow";

    public static bool IsFlyteDynamicDecorator(string? q) => q is not null && IsFlytekit(q) && Last(q) == "dynamic";

    public static bool IsFlyteEagerDecorator(string? q) => q is not null && IsFlytekit(q) && Last(q) == "eager";

    public static bool IsFlyteLaunchPlan(string? q) => q is not null && IsFlytekit(q) && (Last(q) == "LaunchPlan" || q.EndsWith(".LaunchPlan.get_or_create", StringComparison.Ordinal) || q.EndsWith(".LaunchPlan.create", StringComparison.Ordinal));

    public static bool IsPrefectFlowClass(string? q) => q is not null && IsPrefect(q) && Last(q) == "Flow";

    public static bool IsPrefectTaskDecorator(string? q) => q is not null && IsPrefect(q) && Last(q) == "task";

    public static bool IsPrefectTaskClass(string? q) => q is not null && IsPrefect(q) && (Last(q) == "Task" || Under(q, "prefect.tasks"));

    public static bool IsPrefectParameter(string? q) => q is not null && IsPrefect(q) && Last(q) == "Parameter";

    private static bool Under(string qualified, string prefix) =>
        qualified == prefix || qualified.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static string Last(string qualified) => qualified[(qualified.LastIndexOf('.') + 1)..];
}
