using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>The tasks and files a flow body refers to: every name in it that resolves to a task of the project.</summary>
internal static class FlowReferences
{
    public static IReadOnlyList<TaskReference> Tasks(ModuleFacts facts, ProjectSymbols symbols, IEnumerable<SyntaxNode> body)
    {
        var found = new List<TaskReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in body.SelectMany(n => n.DescendantsAndSelf()))
        {
            if (node.Kind is not ("Name" or "Attribute") || node.Parent?.Is("Attribute") == true)
            {
                continue;
            }

            var qualified = facts.Imports.Resolve(node);
            var definition = qualified is null ? null : symbols.Tasks.GetValueOrDefault(qualified) ?? symbols.Tasks.GetValueOrDefault(Strip(qualified));
            if (definition is not null && seen.Add(definition.Qualified))
            {
                found.Add(new TaskReference(definition.Name, definition.File, definition.Line));
            }
        }

        return found;
    }

    public static IReadOnlyList<string> Files(string flowFile, IEnumerable<TaskReference> tasks, params string?[] extra) =>
        new[] { flowFile }.Concat(tasks.Select(t => t.File)).Concat(extra).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    // "pkg.mod.task.map" → "pkg.mod.task": a task's own methods (.map, .submit, .run, .set_upstream).
    private static string Strip(string qualified) => qualified.Contains('.') ? qualified[..qualified.LastIndexOf('.')] : qualified;
}
