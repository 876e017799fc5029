using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.ControlFlow;

/// <summary>
/// <c>raise signals.X(...)</c> → exceptions and states (reference §6): FAIL/RETRY/TRIGGERFAIL/VALIDATIONFAIL →
/// <c>raise RuntimeError(msg)</c> (retries apply), SUCCESS → <c>return Completed(message=msg)</c>, SKIP →
/// <c>return Completed(message=msg, name="Skipped")</c> with a TODO for the downstream code, ENDRUN(state) →
/// <c>return state</c>; LOOP, PAUSE and <c>except signals.X</c> → TODO.
/// </summary>
public abstract class SignalsRule(string id) : PrefectRule(
    id, "engine-signals", "control-flow", Safety.Review,
    "raise signals.FAIL/SKIP/SUCCESS/RETRY/ENDRUN → exceptions / returned states",
    "Signals are gone in 2/3: raise exceptions or return State objects (reference/prefect.md §6).",
    "raise signals.FAIL(\"bad rows\")\n→\nraise RuntimeError(\"bad rows\")")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var converted = new List<TextSpan>();
        // Only a Name/Attribute chain that resolves can name a signal, and the symbols know every one: without a signal
        // among them, neither walk below finds anything.
        var signals = MentionsSignal(symbols) ? module.Root.Descendants() : [];
        foreach (var raise in signals.Where(n => n.Is("Raise")))
        {
            if (CallSyntax.From(raise.Child("exc")) is { } c && Signal(symbols, c.Function) is "FAIL" or "TRIGGERFAIL" or "VALIDATIONFAIL" or "RETRY" or "SUCCESS" or "SKIP" or "ENDRUN")
            {
                converted.Add(c.Function.Span);
            }
        }

        foreach (var node in signals)
        {
            if (node.Is("Raise") && CallSyntax.From(node.Child("exc")) is { } call && Signal(symbols, call.Function) is { } signal)
            {
                yield return Convert(module, node, call, signal, converted, IsPrefect3(context));
            }
            else if (node.Is("ExceptHandler") && node.Child("type") is { } type && type.DescendantsAndSelf().Any(t => Signal(symbols, t) is not null))
            {
                yield return new Finding(Id, node.Span, "except signals")
                {
                    Todo = new ManualTodo($"`except {module.GetText(type)}`: signals no longer exist; catch the exceptions the converted code raises", "reference/prefect.md §6"),
                };
            }
        }

        var signalNames = symbols.Bound.Values.Where(v => v == "prefect.engine.signals" || v.StartsWith("prefect.engine.signals.", StringComparison.Ordinal)).ToArray();
        if (converted.Count == 0 && ImportEdits.RemoveUnused(module, symbols, signalNames) is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "signals are no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused signals import") };
        }
    }

    private static bool MentionsSignal(PrefectSymbols symbols)
    {
        foreach (var (_, name) in symbols.ResolvedExpressions)
        {
            if (name.StartsWith("prefect.engine.signals.", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Signal(PrefectSymbols symbols, SyntaxNode node) =>
        symbols.Resolve(node) is { } path && path.StartsWith("prefect.engine.signals.", StringComparison.Ordinal) ? path.Split('.')[^1] : null;

    private Finding Convert(PythonModule module, SyntaxNode raise, CallSyntax call, string signal, IReadOnlyCollection<TextSpan> converted, bool prefect3)
    {
        var messageNode = call.Arguments.FirstOrDefault() ?? call.Keyword("message")?.Value;
        var message = messageNode is null ? null : module.GetText(messageNode);
        var inFunction = raise.Ancestors().Any(a => a.Kind is "FunctionDef" or "AsyncFunctionDef");
        (string? Text, ImportNeed? Need, string? Todo) plan = signal switch
        {
            "FAIL" or "TRIGGERFAIL" or "VALIDATIONFAIL" => ($"raise RuntimeError({message})", null, null),
            "RETRY" => ($"raise RuntimeError({message})", null, "RETRY forced a retry: make sure the task has retries= configured (a raised exception is retried)"),
            "SUCCESS" when inFunction && call.Keyword("result") is null => ($"return Completed({(message is null ? string.Empty : $"message={message}")})", ImportNeed.Of("prefect.states", "Completed"), null),
            "SKIP" when inFunction => ($"return Completed({(message is null ? string.Empty : $"message={message}, ")}name=\"Skipped\")", ImportNeed.Of("prefect.states", "Completed"),
                "SKIP: this task now completes with None; v1 also skipped every downstream task: guard the dependent calls in the flow (e.g. `if result is not None:`)"),
            "ENDRUN" when inFunction && (call.Arguments.FirstOrDefault() ?? call.Keyword("state")?.Value) is { } state => ($"return {module.GetText(state)}", null,
                "ENDRUN: the returned state must be a 2/3 State (prefect.states.Completed/Failed/...), not a v1 state class"),
            "LOOP" => (null, null, "LOOP: rewrite as a Python while loop inside the task (task_loop_result/task_loop_count are gone)"),
            "PAUSE" => (null, null, $"PAUSE: tasks cannot pause in 2/3; call pause_flow_run(...) (from {(prefect3 ? "prefect.flow_runs" : "prefect")} import pause_flow_run) in the flow before this task (needs a backend)"),
            _ => (null, null, $"signals.{signal}: raise an exception or return a State"),
        };
        var edits = new List<TextEdit>();
        if (plan.Text is not null)
        {
            edits.Add(TextEdit.Replace(raise.Span, plan.Text));
            edits.AddRange(ImportEdits.Update(module, plan.Need is null ? [] : [plan.Need], ImportEdits.Consumed(converted.Count, call.Function.Span)));
        }

        var description = $"signals.{signal} → {plan.Text ?? "manual"}";
        return new Finding(Id, raise.Span, description)
        {
            Fix = edits.Count > 0 ? new Fix(edits, Safety.Review, description) : null,
            Todo = plan.Todo is null ? null : new ManualTodo(plan.Todo, "reference/prefect.md §6"),
        };
    }
}
