using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// <c>@resource_manager class X</c> with <c>setup()</c>/<c>cleanup(resource)</c> → a plain context-manager class
/// (<c>__enter__</c> returns <c>setup()</c>, <c>__exit__</c> always calls <c>cleanup</c>, as v1 ran cleanup even
/// after failures); the <c>with X(...) as r:</c> blocks in the flow keep working (reference §1).
/// </summary>
public static class ResourceManagers
{
    public static IEnumerable<Finding> Find(string ruleId, PythonModule module, PrefectSymbols symbols)
    {
        var classes = module.Body.Where(s => s.Is("ClassDef") && new ClassDefSyntax(s).Decorators.Any(d => symbols.Is(d, "prefect.resource_manager"))).ToList();
        foreach (var statement in classes)
        {
            var cls = new ClassDefSyntax(statement);
            var methods = cls.Body.Where(s => s.Is("FunctionDef")).Select(s => s.Scalar("name")).ToHashSet(StringComparer.Ordinal);
            var decorator = cls.Decorators.First(d => symbols.Is(d, "prefect.resource_manager"));
            if (!methods.Contains("setup") || !methods.Contains("cleanup") || methods.Contains("__enter__") || methods.Contains("__exit__"))
            {
                continue;
            }

            var nl = module.NewLine;
            var indent = SourceLines.IndentOf(module, cls.Body[0].Span.Start);
            var inner = indent + "    ";
            var methodsText = $"{nl}{nl}{indent}def __enter__(self):{nl}{inner}self._resource = self.setup(){nl}{inner}return self._resource{nl}{nl}"
                + $"{indent}def __exit__(self, *exc_info):{nl}{inner}self.cleanup(self._resource){nl}{inner}return False";
            var line = module.Lines.LineOf(decorator.Span.Start);
            var edits = new List<TextEdit>
            {
                TextEdit.Delete(new TextSpan(module.Lines.LineStart(line), module.Lines.LineEnd(line))),
                TextEdit.Insert(statement.Span.End, methodsText),
            };
            edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(classes.Count, decorator.Span)));
            var message = $"@resource_manager class {cls.Name} → a context manager (__enter__ = setup(), __exit__ = cleanup())";
            yield return new Finding(ruleId, statement.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
        }

        if (classes.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.resource_manager") is { Count: > 0 } cleanup)
        {
            yield return new Finding(ruleId, module.Root.Span, "resource_manager is no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused resource_manager import") };
        }
    }
}
