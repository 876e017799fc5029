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
        var allCases = symbols.CallsTo("prefect.case").Select(n => n.Child("func")!.Span).ToList();
        var conversions = new List<Finding>();
        // A case block's context is one of those calls: without any, no with statement is one.
        foreach (var node in allCases.Count == 0 ? [] : ModuleIndex.Of(module).Nodes("With"))
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
            var conversion = new Finding(Id, node.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = with.Items[0].Target is { } target
                    ? new ManualTodo($"`as {module.GetText(target)}` of the case block has no meaning in 2/3; remove its uses", "reference/prefect.md §5")
                    : null,
            };
            conversions.Add(conversion);
            yield return conversion;

            if (SkippedDownstream(module, node, symbols) is { } downstream)
            {
                var names = string.Join(", ", downstream.Names);
                yield return new Finding(Id, downstream.Statement.Span, $"{names} set only when case({conditionText}, {module.GetText(value)}) ran")
                {
                    Todo = new ManualTodo($"{names} is only set when {test} (v1 skipped this statement otherwise, skip_on_upstream_skip): move it into that if block or guard it", "reference/prefect.md §5"),
                };
            }
        }

        foreach (var finding in Conditionals(context, symbols))
        {
            yield return finding;
        }

        // ifelse(cond, t_true, t_false) → if cond: t_true call else: t_false call.
        var allIfElse = symbols.CallsTo("prefect.ifelse");
        foreach (var node in allIfElse)
        {
            var call = new CallSyntax(node);
            if (node.Parent is not { } statement || !statement.Is("Expr"))
            {
                yield return new Finding(Id, node.Span, "ifelse() used as a value") { Todo = new ManualTodo("ifelse(...) returned nothing useful in v1; call the branches in an if/else statement", "reference/prefect.md §5") };
                continue;
            }

            var (branches, reason) = IfElseBranches.Read(module, statement, call);
            if (branches is null && OnTaskObjects(module, call))
            {
                // ifelse(cond, task_a, task_b) on the tasks themselves: Conditionals calls the chosen one.
                continue;
            }

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
        else if (allCases.Count > 1 && conversions.Count == allCases.Count && ImportEdits.Update(module, [], allCases) is { Count: > 0 } together)
        {
            // Several blocks, each converted by a finding of this pass that keeps the import: the import goes in the pass
            // that applies them all (Requires), as the cleanup above would on the next pass (the names whose every use is a
            // case() of them).
            yield return new Finding(Id, module.Root.Span, "case is no longer used") { Fix = new Fix(together, Safety.Safe, "remove the unused case import"), Requires = conversions };
        }
    }
    // The first statement after a case block (same body) that reads a name only that block assigns: v1 skipped it
    // with the branch; in 2/3 it would run and fail on the unset name. Names two case blocks assign (if/else
    // pairs) and merge(...) arguments are left to the merge rule.
    private static (SyntaxNode Statement, List<string> Names)? SkippedDownstream(PythonModule module, SyntaxNode with, PrefectSymbols symbols)
    {
        if (with.Parent is not { } parent || with.ParentField is not { } field)
        {
            return null;
        }

        var siblings = parent.Children(field).ToList();
        var index = siblings.IndexOf(with);
        static IEnumerable<string> Stored(SyntaxNode root) =>
            root.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") == "Store").Select(n => n.Scalar("id")!);
        bool IsCase(SyntaxNode n) => n.Is("With") && new WithSyntax(n).Items is [{ } item] && CallSyntax.From(item.Context) is { } c && symbols.Is(c.Function, "prefect.case");
        var assigned = Stored(with).ToHashSet(StringComparer.Ordinal);
        assigned.ExceptWith(siblings.Take(index).SelectMany(Stored));
        assigned.ExceptWith(siblings.Where(s => s != with && IsCase(s)).SelectMany(Stored));
        if (parent.Kind is "FunctionDef" or "AsyncFunctionDef")
        {
            assigned.ExceptWith(new FunctionDefSyntax(parent).ParameterNames);
        }

        foreach (var statement in siblings.Skip(index + 1))
        {
            // Names only leave the set: once none is left, no statement reads one.
            if (assigned.Count == 0)
            {
                return null;
            }

            if (IsCase(statement))
            {
                continue;
            }

            var reads = statement.DescendantsAndSelf()
                .Where(n => n.Is("Name") && n.Scalar("ctx") == "Load" && assigned.Contains(n.Scalar("id")!)
                    && !n.Ancestors().Any(a => a.Is("Call") && symbols.Is(a.Child("func"), "prefect.merge")))
                .Select(n => n.Scalar("id")!).Distinct().ToList();
            if (reads.Count > 0)
            {
                return (statement, reads);
            }

            assigned.ExceptWith(Stored(statement));
        }

        return null;
    }

    // ifelse(cond, t_true, t_false) as a statement whose branches name tasks themselves (not results assigned in the flow).
    private static bool OnTaskObjects(PythonModule module, CallSyntax call) =>
        call.Node.Parent?.Is("Expr") == true && call.Keyword("mapped") is null
        && (call.Arguments.ElementAtOrDefault(1) ?? call.Keyword("true_task")?.Value) is { } whenTrue && whenTrue.Is("Name") && !AssignedInScope(whenTrue)
        && (call.Arguments.ElementAtOrDefault(2) ?? call.Keyword("false_task")?.Value) is { } whenFalse && whenFalse.Is("Name") && !AssignedInScope(whenFalse);

    // A name bound in the enclosing flow function (a task's result there, not a task object).
    private static bool AssignedInScope(SyntaxNode name)
    {
        var scope = name.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef");
        return scope is not null && scope.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == name.Scalar("id") && n.Scalar("ctx") == "Store");
    }

    // Statement-level ifelse(cond, t_true, t_false) / switch(cond, {value: t, ...}) on task objects → if/elif calling
    // the chosen task; any other form gets a TODO with the reference's rewrite (reference §5).
    private IEnumerable<Finding> Conditionals(RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var calls = symbols.CallsTo("prefect.ifelse", "prefect.switch");
        foreach (var node in calls)
        {
            var call = CallSyntax.From(node)!;
            var isSwitch = symbols.Is(call.Function, "prefect.switch");
            var condition = call.Arguments.FirstOrDefault() ?? call.Keyword("condition")?.Value;
            var branches = new List<(string? Value, SyntaxNode Task)>();
            if (isSwitch && (call.Arguments.ElementAtOrDefault(1) ?? call.Keyword("cases")?.Value) is { } cases && cases.Is("Dict"))
            {
                var keys = cases.Children("keys");
                var values = cases.Children("values");
                branches.AddRange(keys.Select((k, i) => (k.Is("Missing") ? null : module.GetText(k), values[i])));
            }
            else if (!isSwitch && (call.Arguments.ElementAtOrDefault(1) ?? call.Keyword("true_task")?.Value) is { } whenTrue
                && (call.Arguments.ElementAtOrDefault(2) ?? call.Keyword("false_task")?.Value) is { } whenFalse)
            {
                branches.Add(("True", whenTrue));
                branches.Add(("False", whenFalse));
            }

            var statement = node.Parent;
            var convertible = condition is not null && branches.Count > 0 && statement?.Is("Expr") == true && call.Keyword("mapped") is null
                && branches.All(b => b.Value is not null && b.Task.Is("Name") && !AssignedInScope(b.Task));
            var kind = isSwitch ? "switch" : "ifelse";
            if (!isSwitch && !convertible)
            {
                // Branches computed by task calls (or any other form): the ifelse loop above moves the calls or explains why not.
                continue;
            }

            if (!convertible)
            {
                var form = isSwitch ? "an if/elif chain on the condition's value (cond == key) calling each case's task" : "`t_true() if cond else t_false()`";
                yield return new Finding(Id, node.Span, $"{kind}() not converted")
                {
                    Todo = new ManualTodo($"{module.GetText(node)}: rewrite as {form} (2/3 have no {kind}; the tasks it did not choose were skipped)", "reference/prefect.md §5"),
                };
                continue;
            }

            var conditionText = module.GetText(condition!);
            if (condition!.Kind is not ("Name" or "Attribute" or "Call" or "Subscript"))
            {
                conditionText = $"({conditionText})";
            }

            var indent = SourceLines.IndentOf(module, statement!.Span.Start);
            var nl = module.NewLine;
            var text = new System.Text.StringBuilder();
            if (isSwitch)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    text.Append(i == 0 ? "if " : $"{nl}{indent}elif ").Append($"{conditionText} == {branches[i].Value}:{nl}{indent}    {module.GetText(branches[i].Task)}()");
                }
            }
            else
            {
                text.Append($"if {conditionText}:{nl}{indent}    {module.GetText(branches[0].Task)}(){nl}{indent}else:{nl}{indent}    {module.GetText(branches[1].Task)}()");
            }

            var edits = new List<TextEdit> { TextEdit.Replace(statement.Span, text.ToString()) };
            edits.AddRange(ImportEdits.Update(module, [], ImportEdits.Consumed(calls.Count, call.Function.Span)));
            var message = $"{kind}({conditionText}, ...) → if statement calling the chosen task";
            yield return new Finding(Id, node.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
        }

        if (calls.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.ifelse", "prefect.switch") is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "ifelse/switch no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused ifelse/switch imports") };
        }
    }
}