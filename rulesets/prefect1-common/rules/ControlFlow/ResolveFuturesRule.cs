using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// Prefect 3 only: terminal futures must be resolved before the flow returns, else their tasks may be
/// cancelled and their failures do not fail the flow (v1 failed the flow when a terminal task failed).
/// A <c>.map()</c>/<c>.submit()</c> whose futures nothing consumes gets <c>.result()</c> (reference §19, §20.5).
/// Prefect 2 waits for submitted runs itself, so the rule does nothing there.
/// </summary>
public abstract class ResolveFuturesRule(string id) : PrefectRule(
    id, "resolve-terminal-futures", "control-flow", Safety.Review,
    "Prefect 3: unconsumed .map()/.submit() futures → .result() so the flow waits and fails like v1",
    "3.x does not wait for unresolved futures and ignores their failures (reference/prefect.md §19).",
    "load.map(files)\n→\nload.map(files).result()")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
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
}
