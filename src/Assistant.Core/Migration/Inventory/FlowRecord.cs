namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// One flow of the repository. <see cref="Id"/> is <c>file::name</c>: stable as long as the flow
/// keeps its file and name. <see cref="Files"/> are the files migrating it touches (its own file,
/// the modules of the tasks it calls, the module of a project <c>Flow</c> subclass, and the old-framework modules
/// these import: its schedules module, the module of a flow template it copies; see <see cref="FrameworkModuleImports"/>).
/// </summary>
public sealed record FlowRecord(
    string Id,
    string Name,
    Framework Framework,
    FlowKind Kind,
    string File,
    int Line,
    IReadOnlyList<TaskReference> Tasks,
    IReadOnlyList<string> Files)
{
    /// <summary>The Python name bound to the flow (function name, <c>as flow</c> target, launch plan variable).</summary>
    public string? Variable { get; init; }

    /// <summary>Flows this one calls or launches (subworkflows, a launch plan's workflow), by id.</summary>
    public IReadOnlyList<string> Calls { get; init; } = [];
}
