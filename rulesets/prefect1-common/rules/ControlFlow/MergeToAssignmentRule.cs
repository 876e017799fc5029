using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// <c>r = merge(a, b)</c> after conditional branches → the first branch result that ran:
/// <c>a if a is not None else b</c>, with <c>a = None</c>/<c>b = None</c> initialised before the
/// branches (a branch that did not run leaves its variable unset in 2/3) (reference §5).
/// </summary>
public abstract class MergeToAssignmentRule(string id) : PrefectRule(
    id, "merge-branches", "control-flow", Safety.Review,
    "`merge(a, b)` → first non-None of the branch results, branch variables initialised to None",
    "merge returned the result of the branch that was not skipped; 2/3 have no skipped results (reference/prefect.md §5).",
    "r = merge(a, b)\n→\na = None\nb = None\n...\nr = a if a is not None else b")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var merges = symbols.CallsTo("prefect.merge");
        var allMerges = merges.Select(n => n.Child("func")!.Span).ToList();
        foreach (var node in merges)
        {
            var call = new CallSyntax(node);
            var names = call.Arguments.Select(a => a.Is("Name") ? a.Scalar("id") : null).ToList();
            if (names.Count == 0 || names.Any(n => n is null) || call.Keywords.Count > 0)
            {
                yield return new Finding(Id, node.Span, "merge of expressions")
                {
                    Todo = new ManualTodo($"{module.GetText(node)}: assign the same variable in each branch and initialise it to None before the branches", "reference/prefect.md §5"),
                };
                continue;
            }

            var statement = SourceLines.Statement(node);
            var body = statement.Parent?.Children(statement.ParentField!) ?? [];
            var index = body.ToList().IndexOf(statement);
            var edits = new List<TextEdit>();
            // Initialise each branch variable before the first statement of this body that assigns it.
            var inits = new List<(SyntaxNode Before, string Name)>();
            foreach (var name in names.Distinct())
            {
                var first = body.Take(index).FirstOrDefault(s => s.Kind is not "Assign" && s.DescendantsAndSelf().Any(d => d.Is("Name") && d.Scalar("id") == name && d.Scalar("ctx") == "Store"));
                var alreadyInitialised = body.Take(index).Any(s => s.Is("Assign") && new AssignSyntax(s).Targets.Any(t => t.Is("Name") && t.Scalar("id") == name) && ConstantSyntax.From(s.Child("value"))?.ValueType == "none");
                if (first is not null && !alreadyInitialised)
                {
                    inits.Add((first, name!));
                }
            }

            foreach (var group in inits.GroupBy(i => i.Before))
            {
                var indent = SourceLines.IndentOf(module, group.Key.Span.Start);
                var lineStart = module.Lines.LineStart(module.Lines.LineOf(group.Key.Span.Start));
                edits.Add(TextEdit.Insert(lineStart, string.Concat(group.Select(i => $"{indent}{i.Name} = None{module.NewLine}"))));
            }

            var replacement = names.Count == 1
                ? names[0]!
                : names.Count == 2
                    ? $"{names[0]} if {names[0]} is not None else {names[1]}"
                    : $"next((value for value in ({string.Join(", ", names)}) if value is not None), None)";
            edits.Add(TextEdit.Replace(node.Span, replacement));
            edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(allMerges.Count, call.Function.Span)));
            var message = $"merge({string.Join(", ", names)}) → {replacement}";
            yield return new Finding(Id, node.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
        }

        if (allMerges.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.merge") is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "merge is no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused merge import") };
        }
    }
}