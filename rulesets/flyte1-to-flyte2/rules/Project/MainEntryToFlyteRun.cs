using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY520: <c>if __name__ == "__main__": wf(x=1)</c> → <c>flyte.init_from_config()</c> + <c>flyte.run(wf, x=1)</c>.</summary>
public sealed class MainEntryToFlyteRun : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY520",
        "main-entry-to-flyte-run",
        "images-and-project",
        Safety.Review,
        "In a module's `if __name__ == \"__main__\":` block, a statement calling a task of the module becomes flyte.run(task, ...) after flyte.init_from_config(); calls whose value is used (print(wf(...))) keep running as plain Python, locally, like python file.py did.",
        "Calling a Flyte 2 task outside a run just runs the Python function; flyte.run launches it (remotely when a config is found, else locally) (reference/flyte.md §11).",
        "if __name__ == \"__main__\":\\n    wf(x=1)  →  if __name__ == \"__main__\":\\n    flyte.init_from_config()\\n    flyte.run(wf, x=1)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var tasks = FlyteEnvironments.Tasks(module).Select(t => t.Function.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var block in module.Body.Select(IfSyntax.From).Where(i => i is not null && IsMainGuard(module, i.Test)))
        {
            var edits = new List<TextEdit>();
            var todos = new List<(SyntaxNode, string)>();
            foreach (var call in block!.Body.SelectMany(Flytekit.SubtreeNodes).Where(n => n.Is("Call")).Select(n => new CallSyntax(n)))
            {
                if (call.Function.Is("Name") && tasks.Contains(call.FunctionName!))
                {
                    var args = module.Text[(call.Function.Span.End + 1)..(call.Node.Span.End - 1)];
                    var text = $"flyte.run({call.FunctionName}{(args.Trim().Length == 0 ? string.Empty : ", " + args)})";
                    if (call.Node.Parent?.Is("Expr") == true)
                    {
                        edits.Add(TextEdit.Replace(call.Node.Span, text));
                    }
                    // A call whose value is used (print(wf(...))) keeps running as plain Python, locally, as
                    // `python file.py` did in Flyte 1; flyte.run would return a Run, not the value.
                }
            }

            var hasInit = block.Body.Any(s => module.GetText(s).Contains("flyte.init", StringComparison.Ordinal));
            if (edits.Count > 0 && !hasInit)
            {
                var first = block.Body[0];
                edits.Add(TextEdit.Insert(first.Span.Start, "flyte.init_from_config()" + module.NewLine + SourceText.IndentAt(module, first.Span.Start)));
                yield return new Finding(Descriptor.Id, block.Node.Span, "script entry point launches with flyte.run")
                {
                    Fix = new Fix(edits, Safety.Review, "flyte.init_from_config() + flyte.run(task, ...)"),
                };
            }

            foreach (var (node, text) in todos)
            {
                yield return new Finding(Descriptor.Id, node.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §11") };
            }
        }
    }

    private static bool IsMainGuard(PythonModule module, SyntaxNode test) =>
        test.Is("Compare") && module.GetText(test).Replace('\'', '"').Replace(" ", string.Empty, StringComparison.Ordinal) is "__name__==\"__main__\"" or "\"__main__\"==__name__";
}
