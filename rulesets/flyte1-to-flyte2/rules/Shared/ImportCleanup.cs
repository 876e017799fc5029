using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// flytekit names → Flyte 2 names (imports table, kind rename), <c>import flyte</c> / <c>import flyte.io</c> added
/// once, flytekit imports nobody reads any more removed; optionally a TODO on flytekit imports still in use.
/// </summary>
internal static class ImportCleanup
{
    public static IEnumerable<Finding> Analyze(RuleContext context, string ruleId, bool todoLeftovers)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        if (bindings.Count == 0)
        {
            yield break;
        }

        var imports = context.Tables["imports"];
        var edits = new List<TextEdit>();
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.DescendantsAndSelf(n => n.DottedName() is null && n.Kind is not ("Import" or "ImportFrom")).Where(n => n.DottedName() is not null))
        {
            if (PythonImports.Resolve(node, bindings) is { } name && imports.Find("old", name) is { } row && row.Get("kind") == "rename")
            {
                var replacement = row.Require("new");
                edits.Add(TextEdit.Replace(node.Span, replacement));
                needed.Add(replacement[..replacement.LastIndexOf('.')]);
            }
        }

        foreach (var moduleName in needed.Concat(UsesFlyte(module) ? ["flyte"] : []).Distinct())
        {
            if (!PythonImports.HasPlainImport(module, moduleName) && PythonImports.AddImport(module, moduleName, "flytekit") is { } add)
            {
                edits.Add(add);
            }
        }

        if (edits.Count > 0)
        {
            yield return new Finding(ruleId, edits[0].Span, "flytekit names replaced by their Flyte 2 counterparts")
            {
                Fix = new Fix(edits, Safety.Safe, "flytekit names → flyte names"),
            };
            yield break;
        }

        var unused = bindings.Where(b => !PythonImports.IsUsed(module, b.LocalName)).ToList();
        foreach (var group in unused.GroupBy(b => b.Import.Node))
        {
            var import = group.First().Import;
            yield return new Finding(ruleId, import.Node.Span, $"unused flytekit import: {string.Join(", ", group.Select(b => b.Name.Name))}")
            {
                Fix = new Fix(WithMarker(module, PythonImports.RemoveNames(module, import, group.Select(b => b.Name)), group.Count() == import.Names.Count), Safety.Safe, "remove flytekit imports no longer used"),
            };
        }

        if (!todoLeftovers || unused.Count > 0 || module.Root.Descendants().Any(n => Flytekit.Calls(n, bindings, "flytekit.ImageSpec", "flytekit.image_spec.ImageSpec", "flytekit.image_spec.image_spec.ImageSpec")))
        {
            // ImageSpec calls are still being converted in this step; wait for them.
            yield break;
        }

        foreach (var group in bindings.GroupBy(b => b.Import.Node))
        {
            var names = string.Join(", ", group.Select(b => b.LocalName));
            var text = $"{names} still come(s) from flytekit: convert the remaining uses by hand (see the other TODOs and reference/flyte.md §18), then remove this import";
            yield return new Finding(ruleId, group.Key.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §2") };
        }
    }

    // Removing a whole import statement also removes the leftover TODO written above it.
    private static IReadOnlyList<TextEdit> WithMarker(PythonModule module, IReadOnlyList<TextEdit> edits, bool wholeStatement)
    {
        if (!wholeStatement || edits.Count != 1 || edits[0].Span.Start == 0)
        {
            return edits;
        }

        var line = module.Lines.LineOf(edits[0].Span.Start);
        if (line > 1 && module.GetText(module.Lines.LineSpan(line - 1)).TrimStart().StartsWith("# TODO(flowmigrate FLY599)", StringComparison.Ordinal)
            && module.Lines.LineStart(line) == edits[0].Span.Start)
        {
            return [TextEdit.Delete(new TextSpan(module.Lines.LineStart(line - 1), edits[0].Span.End))];
        }

        return edits;
    }

    private static bool UsesFlyte(PythonModule module) =>
        module.Root.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == "flyte" && n.Parent?.Is("Attribute") == true);
}
