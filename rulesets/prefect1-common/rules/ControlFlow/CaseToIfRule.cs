using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// <c>with case(cond, value):</c> → <c>if cond:</c> / <c>if not cond:</c> / <c>if cond == value:</c>
/// (v1 compares with <c>==</c>); nested blocks nest. The body keeps its indentation. A statement
/// <c>ifelse(cond, t_true, t_false)</c> whose branches were computed only for it → <c>if cond:</c> / <c>else:</c>
/// with each branch's task call moved inside (reference §5).
/// </summary>
public abstract class CaseToIfRule(string id) : PrefectRule(
    id, "case-block", "control-flow", Safety.Review,
    "`with case(cond, value):` → `if cond == value:`",
    "2/3 run the flow body as Python: conditions are plain if statements on real values (reference/prefect.md §5).",
    "with case(is_weekend, True):\n    a = t1()\n→\nif is_weekend:\n    a = t1()")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        // Every case() of the module is converted (this pass or the next): imports may go with the first.
        var allCases = module.Root.Descendants().Where(n => n.Is("Call") && symbols.Is(n.Child("func"), "prefect.case")).Select(n => n.Child("func")!.Span).ToList();
        foreach (var node in module.Root.Descendants().Where(n => n.Is("With")))
        {
            var with = new WithSyntax(node);
            if (with.Items.Count != 1 || CallSyntax.From(with.Items[0].Context) is not { } call || !symbols.Is(call.Function, "prefect.case"))
            {
                continue;
            }

            var condition = call.Arguments.FirstOrDefault() ?? call.Keyword("task")?.Value;
            var value = call.Arguments.Count > 1 ? call.Arguments[1] : call.Keyword("value")?.Value;
            if (condition is null || value is null)
            {
                yield return new Finding(Id, node.Span, "case() without a condition and value") { Todo = new ManualTodo("rewrite this case block as an if statement", "reference/prefect.md §5") };
                continue;
            }

            var conditionText = module.GetText(condition);
            if (condition.Kind is not ("Name" or "Attribute" or "Call" or "Subscript"))
            {
                conditionText = $"({conditionText})";
            }

            var valueConstant = ConstantSyntax.From(value);
            var test = valueConstant?.ValueType == "bool"
                ? (valueConstant.Value == "True" ? conditionText : $"not {conditionText}")
                : valueConstant?.ValueType == "none" ? $"{conditionText} is None" : $"{conditionText} == {module.GetText(value)}";
            var colon = module.Text.IndexOf(':', with.Items[0].Target?.Span.End ?? call.Node.Span.End);
            var edits = new List<TextEdit> { TextEdit.Replace(new TextSpan(node.Span.Start, colon + 1), $"if {test}:") };
            edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(allCases.Count, call.Function.Span)));
            var message = $"case({conditionText}, {module.GetText(value)}) → if {test}";
            yield return new Finding(Id, node.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = with.Items[0].Target is { } target
                    ? new ManualTodo($"`as {module.GetText(target)}` of the case block has no meaning in 2/3; remove its uses", "reference/prefect.md §5")
                    : null,
            };
        }

        // ifelse(cond, t_true, t_false) → if cond: t_true call else: t_false call.
        var allIfElse = module.Root.Descendants().Where(n => n.Is("Call") && symbols.Is(n.Child("func"), "prefect.ifelse")).ToList();
        foreach (var node in allIfElse)
        {
            var call = new CallSyntax(node);
            if (node.Parent is not { } statement || !statement.Is("Expr"))
            {
                yield return new Finding(Id, node.Span, "ifelse() used as a value") { Todo = new ManualTodo("ifelse(...) returned nothing useful in v1; call the branches in an if/else statement", "reference/prefect.md §5") };
                continue;
            }

            var (branches, reason) = IfElseBranches.Read(module, statement, call);
            if (branches is null)
            {
                yield return new Finding(Id, node.Span, $"ifelse() not converted: {reason}") { Todo = new ManualTodo($"rewrite ifelse(...) as `if cond:` the true branch's task call `else:` the false one's; only that branch may run ({reason})", "reference/prefect.md §5") };
                continue;
            }

            var edits = new List<TextEdit> { TextEdit.Replace(statement.Span, branches.Replacement(module)) };
            edits.AddRange(branches.Deletions(module));
            edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(allIfElse.Count, call.Function.Span)));
            var message = $"ifelse({module.GetText(branches.Condition)}, …) → if/else running only the chosen branch";
            yield return new Finding(Id, node.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
        }

        if (allIfElse.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.ifelse") is { Count: > 0 } unusedIfElse)
        {
            yield return new Finding(Id, module.Root.Span, "ifelse is no longer used") { Fix = new Fix(unusedIfElse, Safety.Safe, "remove the unused ifelse import") };
        }

        if (allCases.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.case") is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "case is no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused case import") };
        }
    }
}