namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.control_flow</c>: <c>FilterTask</c> kept the results its filter accepted (by default those that are
/// neither None nor an exception), and ran after failed upstream tasks too (trigger <c>all_finished</c>), receiving their
/// exceptions: its calls pass the results through <c>allow_failure(...)</c>, which hands the function a failed run's exception
/// in the same place (reference §5, FilterTask).
/// </summary>
public static class ControlFlowTaskTemplates
{
    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.control_flow", "FilterTask", ["filter_func", "log_func"],
            ["task_results", "filter_func=None", "log_func=None"],
            "    \"\"\"Prefect 1 FilterTask: the results filter_func keeps (by default those that are neither None nor an exception).\"\"\"\n"
            + "    keep = filter_func or (lambda r: not isinstance(r, (type(None), Exception)))\n"
            + "    filtered = [r for r in task_results if keep(r)]\n"
            + "    if log_func:\n"
            + "        get_run_logger().info(log_func(filtered))\n"
            + "    return filtered\n",
            [],
            UsesLogger: true,
            AllowFailure: "task_results"),
    ];
}
