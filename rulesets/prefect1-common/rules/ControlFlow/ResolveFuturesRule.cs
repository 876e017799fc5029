using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// Prefect 3 only: terminal futures must be resolved before the flow returns, else their tasks may be
/// cancelled and their failures do not fail the flow (v1 failed the flow when a terminal task failed).
/// A <c>.map()</c>/<c>.submit()</c> whose futures nothing consumes gets <c>.result()</c> (reference §19, §20.5).
/// Prefect 2 waits for submitted runs itself, so the rule does nothing there. On both targets, v1
/// <c>flatten(x)</c> (no 2/3 equivalent) becomes a list comprehension over the resolved results (reference §4).
/// </summary>
public abstract class ResolveFuturesRule(string id) : PrefectRule(
    id, "resolve-terminal-futures", "control-flow", Safety.Review,
    "Prefect 3: unconsumed .map()/.submit() futures → .result() so the flow waits and fails like v1",
    "3.x does not wait for unresolved futures and ignores their failures (reference/prefect.md §19).",
    "load.map(files)\n→\nload.map(files).result()")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        foreach (var finding in Flatten(context))
        {
            yield return finding;
        }

        if (!IsPrefect3(context))
        {
            yield break;
        }

        var module = context.Module;
        foreach (var flow in FlowFunction.In(module))
        {
            var body = flow.Function.Body;
            for (var i = 0; i < body.Count; i++)
            {
                var statement = body[i];
                SyntaxNode? call = statement.Kind switch
                {
                    "Expr" => statement.Child("value"),
                    "Assign" => statement.Child("value"),
                    _ => null,
                };
                if (call is null || !IsFutureCall(call))
                {
                    continue;
                }

                if (statement.Is("Assign"))
                {
                    var names = new AssignSyntax(statement).TargetNames;
                    var later = body.Skip(i + 1).SelectMany(s => s.DescendantsAndSelf()).Any(n => n.Is("Name") && names.Contains(n.Scalar("id")!) && n.Scalar("ctx") == "Load");
                    if (later)
                    {
                        continue;
                    }
                }

                var message = $"resolve the terminal futures of {module.GetText(call.Child("func")!)} so the flow waits for them and fails when they fail";
                yield return new Finding(Id, call.Span, message) { Fix = Fix.Review(message, TextEdit.Insert(call.Span.End, ".result()")) };
            }
        }
    }

    private static bool IsFutureCall(SyntaxNode node) =>
        node.Is("Call") && node.Child("func") is { } f && f.Is("Attribute") && f.Scalar("attr") is "map" or "submit";
    // flatten(x) inside a flow → [item for chunk in x for item in chunk], resolving x first when it holds the futures of a .map()/.submit().
    private IEnumerable<Finding> Flatten(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var calls = symbols.CallsTo("prefect.flatten");
        foreach (var flow in FlowFunction.In(module))
        {
            HashSet<string>? futures = null;
            foreach (var node in calls.Where(c => c.Ancestors().Contains(flow.Function.Node)))
            {
                futures ??= flow.Function.Body.Where(s => s.Is("Assign") && s.Child("value") is { } v && IsFutureCall(v))
                    .SelectMany(s => new AssignSyntax(s).TargetNames).ToHashSet(StringComparer.Ordinal);
                var call = new CallSyntax(node);
                if (call.Arguments is not [{ } nested] || call.Keywords.Count > 0)
                {
                    yield return new Finding(Id, node.Span, "flatten() not converted")
                    {
                        Todo = new ManualTodo($"{module.GetText(node)}: 2/3 have no flatten; use [item for chunk in <resolved lists> for item in chunk]", "reference/prefect.md §4"),
                    };
                    continue;
                }

                var text = module.GetText(nested);
                var isFutures = nested.Is("Name") && futures.Contains(nested.Scalar("id")!);
                var replacement = !isFutures ? $"[item for chunk in {text} for item in chunk]"
                    : IsPrefect3(context) ? $"[item for chunk in {text}.result() for item in chunk]"
                    : $"[item for future in {text} for item in future.result()]";
                var edits = new List<TextEdit> { TextEdit.Replace(node.Span, replacement) };
                edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(calls.Count, call.Function.Span)));
                var message = $"flatten({text}) → {replacement}";
                yield return new Finding(Id, node.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
            }
        }

        if (calls.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.flatten") is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "flatten is no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused flatten import") };
        }
    }
}
