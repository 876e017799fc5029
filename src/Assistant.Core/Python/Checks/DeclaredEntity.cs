namespace Assistant.Core.Python.Checks;

/// <summary>
/// A task, workflow or flow a module declares, with its settings as flat keys and canonical values
/// (e.g. <c>resources.memory.limit = 4Gi</c>, <c>trigger[daily].schedule = cron 0 6 * * *</c>).
/// </summary>
public sealed record DeclaredEntity(string Kind, string Name, string? Variable, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The class a Prefect 1 task is an instance of (e.g. a task-library class); null for decorated functions.</summary>
    public string? Class { get; init; }

    /// <summary>The module's other names for the same object (<c>numbers = get_numbers</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
