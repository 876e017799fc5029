using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY306: gate nodes (<c>wait_for_input</c>, <c>approve</c>, <c>sleep</c>) inside drivers → <c>flyte.new_condition</c> / <c>flyte.durable.sleep</c>.</summary>
public sealed class GateNodesToConditions : IRule
{
    private static readonly string[] ConditionTypes = ["bool", "int", "float", "str"];

    private static readonly string[] GateNames =
    [
        "flytekit.wait_for_input", "flytekit.core.gate.wait_for_input", "flytekit.sleep", "flytekit.core.gate.sleep", "flytekit.approve", "flytekit.core.gate.approve",
    ];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY306",
        "gate-nodes-to-conditions",
        "control-flow",
        Safety.Review,
        "wait_for_input(name, timeout, T) → flyte.new_condition(name, prompt=name, data_type=T, timeout=timeout).wait() (T bool/int/float/str); approve(v, name, timeout) → a bool condition checked before the statement (rejected → raise) and v; sleep(d) → flyte.durable.sleep(d.total_seconds()); async drivers use .aio. Other forms keep FLY590's TODO.",
        "Flyte 2 has no gate nodes: a driver waits on a condition or sleeps durably itself (reference/flyte.md §8.4).",
        "title = wait_for_input(\"title\", timeout=timedelta(hours=1), expected_type=str)  →  title = flyte.new_condition(\"title\", prompt=\"title\", data_type=str, timeout=timedelta(hours=1)).wait()");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        if (!PythonImports.MayResolveTo(bindings, GateNames))
        {
            // No binding can stand for a gate function: no call of the module is one.
            yield break;
        }

        // The imports ride on the first finding only: several findings inserting them would duplicate them.
        var withImports = true;
        var withDurable = true;
        foreach (var node in module.Root.Descendants().Where(n => n.Is("Call")).ToList())
        {
            var isAsync = node.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef" or "Lambda")?.Kind;
            if (isAsync is null or "Lambda")
            {
                continue;
            }

            var call = new CallSyntax(node);
            var inAsync = isAsync == "AsyncFunctionDef";
            if (Flytekit.Calls(node, bindings, "flytekit.wait_for_input", "flytekit.core.gate.wait_for_input") && WaitForInput(module, call, inAsync) is { } wait)
            {
                yield return Rewrite(module, node, wait, "wait_for_input → flyte.new_condition(...).wait()", withImports, false);
                withImports = false;
            }
            else if (Flytekit.Calls(node, bindings, "flytekit.sleep", "flytekit.core.gate.sleep") && Argument(call, 0, "duration") is { } duration && call.Arguments.Count + call.Keywords.Count == 1)
            {
                var seconds = duration.Kind is "Call" or "Name" or "Attribute" ? $"{module.GetText(duration)}.total_seconds()" : $"({module.GetText(duration)}).total_seconds()";
                var text = inAsync ? $"await flyte.durable.sleep.aio({seconds})" : $"flyte.durable.sleep({seconds})";
                yield return Rewrite(module, node, text, "sleep → flyte.durable.sleep", withImports, withDurable);
                withImports = false;
                withDurable = false;
            }
            else if (Flytekit.Calls(node, bindings, "flytekit.approve", "flytekit.core.gate.approve") && Approve(module, call, inAsync, withImports) is { } approve)
            {
                yield return approve;
                withImports = false;
            }
        }
    }

    private Finding Rewrite(PythonModule module, SyntaxNode node, string text, string message, bool flyteImport, bool durableImport)
    {
        // `await wait_for_input(...)` in async code: the new text brings its own await.
        var target = text.StartsWith("await ", StringComparison.Ordinal) && node.Parent is { Kind: "Await" } awaited ? awaited : node;
        var edits = new List<TextEdit> { TextEdit.Replace(target.Span, text) };
        edits.AddRange(CommentsAbove(module, target));
        edits.AddRange(Imports(module, flyteImport, durableImport));
        return new Finding(Descriptor.Id, node.Span, message) { Fix = new Fix(edits, Safety.Review, "Flyte 2 waits inside the driver (reference/flyte.md §8.4)") };
    }

    private static IEnumerable<TextEdit> Imports(PythonModule module, bool flyteImport, bool durableImport)
    {
        var flyte = flyteImport ? PythonImports.AddImport(module, "flyte", "flytekit") : null;
        var extra = durableImport ? PythonImports.AddImport(module, "flyte.durable", "flytekit") : null;
        if (flyte is not null && extra is not null && flyte.Span.Start == extra.Span.Start)
        {
            yield return TextEdit.Insert(flyte.Span.Start, flyte.NewText + extra.NewText);
            yield break;
        }

        if (flyte is not null)
        {
            yield return flyte;
        }

        if (extra is not null)
        {
            yield return extra;
        }
    }

    private static string? WaitForInput(PythonModule module, CallSyntax call, bool inAsync)
    {
        var name = Argument(call, 0, "name");
        var timeout = Argument(call, 1, "timeout");
        var type = Argument(call, 2, "expected_type");
        if (name is null || timeout is null || type is null || call.Arguments.Count + call.Keywords.Count != 3
            || !type.Is("Name") || !ConditionTypes.Contains(type.Scalar("id")))
        {
            return null;
        }

        var arguments = $"{module.GetText(name)}, prompt={module.GetText(name)}, data_type={module.GetText(type)}, timeout={module.GetText(timeout)}";
        return inAsync
            ? $"await (await flyte.new_condition.aio({arguments})).wait.aio()"
            : $"flyte.new_condition({arguments}).wait()";
    }

    // approve(upstream, name, timeout): the condition is checked on the line before the statement; the call becomes the upstream value.
    private Finding? Approve(PythonModule module, CallSyntax call, bool inAsync, bool withImports)
    {
        var upstream = Argument(call, 0, "upstream_item");
        var name = Argument(call, 1, "name");
        var timeout = Argument(call, 2, "timeout");
        if (upstream is null || name is null || timeout is null || call.Arguments.Count + call.Keywords.Count != 3
            || upstream.Kind is not ("Name" or "Constant") || ConstantSyntax.StringValue(name) is not { } label)
        {
            return null;
        }

        var statement = call.Node.Ancestors().FirstOrDefault(a => a.ParentField is "body" or "orelse" or "finalbody");
        if (statement is null || statement.Kind is not ("Return" or "Assign" or "AnnAssign" or "Expr")
            || call.Node.Ancestors().TakeWhile(a => !ReferenceEquals(a, statement)).Any(a => a.Kind is "Lambda" or "ListComp" or "SetComp" or "DictComp" or "GeneratorExp" or "IfExp" or "BoolOp")
            || !SourceText.StartsLine(module, statement.Span.Start))
        {
            return null;
        }

        var indent = SourceText.IndentAt(module, statement.Span.Start);
        var unit = SourceText.IndentUnit(module);
        var condition = inAsync
            ? $"await (await flyte.new_condition.aio({module.GetText(name)}, data_type=bool, timeout={module.GetText(timeout)})).wait.aio()"
            : $"flyte.new_condition({module.GetText(name)}, data_type=bool, timeout={module.GetText(timeout)}).wait()";
        var check = $"if not {condition}:{module.NewLine}{indent}{unit}raise RuntimeError({SourceText.Literal(module, $"{label} was rejected")})";
        // A bare approve(...) statement is only the check; elsewhere the call becomes the upstream value.
        var edits = statement.Kind == "Expr" && ReferenceEquals(statement.Child("value"), call.Node)
            ? new List<TextEdit> { TextEdit.Replace(statement.Span, check) }
            : [TextEdit.Insert(statement.Span.Start, check + module.NewLine + indent), TextEdit.Replace(call.Node.Span, module.GetText(upstream))];
        edits.AddRange(CommentsAbove(module, call.Node));
        edits.AddRange(Imports(module, withImports, false));
        return new Finding(Descriptor.Id, call.Node.Span, "approve → a bool condition checked before the statement")
        {
            Fix = new Fix(edits, Safety.Review, "the driver waits for the approval and fails when it is rejected, like the Flyte 1 gate (reference/flyte.md §8.4)"),
        };
    }

    // Comments inside the replaced call move to their own lines above its statement.
    private static IEnumerable<TextEdit> CommentsAbove(PythonModule module, SyntaxNode node)
    {
        var comments = SourceText.CommentsIn(module, node.Span);
        var statement = node.Ancestors().FirstOrDefault(a => a.ParentField is "body" or "orelse" or "finalbody");
        if (comments.Count == 0 || statement is null)
        {
            yield break;
        }

        var indent = SourceText.IndentAt(module, statement.Span.Start);
        var lineStart = module.Lines.LineStart(module.Lines.LineOf(statement.Span.Start));
        yield return TextEdit.Insert(lineStart, string.Concat(comments.Select(c => indent + c.Text + module.NewLine)));
    }

    private static SyntaxNode? Argument(CallSyntax call, int position, string keyword) =>
        position < call.Arguments.Count ? call.Arguments[position] : call.Keyword(keyword)?.Value;
}
