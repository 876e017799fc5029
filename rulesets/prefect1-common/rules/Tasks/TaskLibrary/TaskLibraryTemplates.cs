namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>Every task-library class the tasks step rewrites into a <c>@task</c> function (reference §16).</summary>
public static class TaskLibraryTemplates
{
    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        .. ShellTaskTemplates.All,
        .. DockerTaskTemplates.All,
        .. GitHubTaskTemplates.All,
        .. AirtableTaskTemplates.All,
        .. MySqlTaskTemplates.All,
        .. GcsTaskTemplates.All,
        .. TemplateTaskTemplates.All,
        .. TwitterTaskTemplates.All,
        .. NotificationTaskTemplates.All,
        .. ControlFlowTaskTemplates.All,
    ];

    /// <summary>The template for a resolved import path (<c>prefect.tasks.docker.containers.CreateContainer</c>), if any.</summary>
    public static TaskLibraryTemplate? For(string? resolvedPath) =>
        resolvedPath is null || !resolvedPath.StartsWith("prefect.tasks.", StringComparison.Ordinal) ? null : All.FirstOrDefault(t => t.Matches(resolvedPath));
}
