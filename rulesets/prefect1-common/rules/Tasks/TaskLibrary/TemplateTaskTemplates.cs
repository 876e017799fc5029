namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.templates</c>: v1 rendered a Jinja template (or <c>str.format</c>) with <c>prefect.context</c>
/// merged with the keyword arguments; the functions render with the run's <c>prefect.runtime</c> values under the
/// v1 context key names (table <c>context_keys</c>) and the keyword arguments.
/// </summary>
public static class TemplateTaskTemplates
{
    // The v1 context keys a template can name that 2/3 still know (reference §9.2).
    private const string Context = """
            from datetime import timedelta

            from prefect import runtime

            start = runtime.flow_run.scheduled_start_time
            context = {
                "flow_name": runtime.flow_run.flow_name,
                "flow_run_id": runtime.flow_run.id,
                "flow_run_name": runtime.flow_run.name,
                "parameters": runtime.flow_run.parameters,
                "scheduled_start_time": start,
                "date": start,
                "today": start.strftime("%Y-%m-%d"),
                "today_nodash": start.strftime("%Y%m%d"),
                "yesterday": (start - timedelta(days=1)).strftime("%Y-%m-%d"),
                "yesterday_nodash": (start - timedelta(days=1)).strftime("%Y%m%d"),
                "tomorrow": (start + timedelta(days=1)).strftime("%Y-%m-%d"),
                "tomorrow_nodash": (start + timedelta(days=1)).strftime("%Y%m%d"),
                "task_name": runtime.task_run.task_name,
                "task_run_id": runtime.task_run.id,
                "task_run_name": runtime.task_run.name,
                "task_tags": runtime.task_run.tags,
                "task_run_count": runtime.task_run.run_count,
            }
            context.update(format_kwargs)
        """;

    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.templates", "JinjaTemplate", ["template"],
            ["template=\"\"", "**format_kwargs"],
            "    \"\"\"Prefect 1 JinjaTemplate: renders template with the run's context values and the keyword arguments.\"\"\"\n    from jinja2 import Template\n\n" + Context + "\n    return Template(template or \"\").render(**context)\n",
            ["Jinja2"]),
        new("prefect.tasks.templates", "StringFormatter", ["template"],
            ["template=None", "**format_kwargs"],
            "    \"\"\"Prefect 1 StringFormatter: template.format(...) with the run's context values and the keyword arguments.\"\"\"\n" + Context + "\n    return template.format(**context)\n",
            []),
    ];
}
