using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// The framework objects defined in the project's own modules, by qualified name: tasks, Prefect
/// <c>Task</c> subclasses and <c>Flow</c> subclasses (found to a fixpoint, so a subclass of a subclass counts).
/// </summary>
internal sealed class ProjectSymbols
{
    public Dictionary<string, TaskDefinition> Tasks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FlowClasses { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskDefinition> FlowClassDefinitions { get; } = new(StringComparer.Ordinal);

    public HashSet<string> TaskClasses { get; } = new(StringComparer.Ordinal);

    public static ProjectSymbols Collect(IReadOnlyList<ModuleFacts> modules)
    {
        var symbols = new ProjectSymbols();
        symbols.CollectClasses(modules);
        foreach (var facts in modules)
        {
            symbols.CollectTasks(facts);
        }

        return symbols;
    }

    public bool IsFlowClass(string? qualified) => FrameworkApi.IsPrefectFlowClass(qualified) || (qualified is not null && FlowClasses.Contains(qualified));

    public bool IsTaskClass(string? qualified) => FrameworkApi.IsPrefectTaskClass(qualified) || (qualified is not null && TaskClasses.Contains(qualified));

    private void CollectClasses(IReadOnlyList<ModuleFacts> modules)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var facts in modules)
            {
                foreach (var statement in facts.Module.Body.Where(n => n.Is("ClassDef")))
                {
                    var definition = new ClassDefSyntax(statement);
                    var qualified = $"{facts.Imports.ModuleName}.{definition.Name}";
                    var bases = definition.Bases.Select(facts.Imports.Resolve).ToList();
                    var line = facts.Module.Lines.LineOf(statement.Span.Start);
                    if (bases.Any(IsFlowClass) && FlowClasses.Add(qualified))
                    {
                        FlowClassDefinitions[qualified] = new TaskDefinition(qualified, definition.Name, facts.Module.Path, line, IsClass: true);
                        changed = true;
                    }

                    if (bases.Any(IsTaskClass) && TaskClasses.Add(qualified))
                    {
                        Tasks[qualified] = new TaskDefinition(qualified, definition.Name, facts.Module.Path, line, IsClass: true);
                        changed = true;
                    }
                }

                // `Flow = CustomFlow`: a module-level alias re-exports the class under another name (modules then import that).
                foreach (var statement in facts.Module.Body.Where(n => n.Is("Assign")))
                {
                    if (statement.Children("targets") is not [{ Kind: "Name" } target] || statement.Child("value") is not { Kind: "Name" or "Attribute" } value
                        || facts.Imports.Resolve(value) is not { } original)
                    {
                        continue;
                    }

                    var qualified = $"{facts.Imports.ModuleName}.{target.Scalar("id")}";
                    if (FlowClasses.Contains(original) && FlowClasses.Add(qualified))
                    {
                        FlowClassDefinitions[qualified] = FlowClassDefinitions[original];
                        changed = true;
                    }

                    if (TaskClasses.Contains(original) && TaskClasses.Add(qualified))
                    {
                        Tasks[qualified] = Tasks[original];
                        changed = true;
                    }
                }
            }
        }
    }

    private void CollectTasks(ModuleFacts facts)
    {
        var module = facts.Module;
        foreach (var statement in module.Body)
        {
            if (FunctionDefSyntax.From(statement) is { } function
                && function.Decorators.Any(d => IsTaskDecorator(facts, d)))
            {
                Add(facts, function.Name, statement);
            }
            else if (AssignSyntax.From(statement) is { Value: { } value } assign
                && CallSyntax.From(value) is { } call && IsTaskClass(facts.Imports.Resolve(call.Function)))
            {
                foreach (var name in assign.TargetNames)
                {
                    Add(facts, name, statement);
                }
            }
        }
    }

    private static bool IsTaskDecorator(ModuleFacts facts, SyntaxNode decorator)
    {
        var target = CallSyntax.From(decorator)?.Function ?? decorator;
        var qualified = facts.Imports.Resolve(target);
        return FrameworkApi.IsFlyteTaskDecorator(qualified) || FrameworkApi.IsPrefectTaskDecorator(qualified);
    }

    private void Add(ModuleFacts facts, string name, SyntaxNode node)
    {
        var qualified = $"{facts.Imports.ModuleName}.{name}";
        Tasks[qualified] = new TaskDefinition(qualified, name, facts.Module.Path, facts.Module.Lines.LineOf(node.Span.Start));
    }
}
