using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY303: <c>a &gt;&gt; b</c>, <c>a.runs_before(b)</c> and <c>create_node(t, **kw)</c> → calls written in order.</summary>
public sealed class NodeOrderingToCallOrder : IPrefilteredRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY303",
        "node-ordering-to-call-order",
        "control-flow",
        Safety.Review,
        "a >> b / a.runs_before(b) between results already produced in that order become a comment; out-of-order ones reorder the producing x = call(...) lines when adjacent and independent, else get a TODO; t1() >> t2() becomes two calls; create_node(t, **kw) becomes t(**kw) and node.o0 the value.",
        "A Flyte 2 sync driver runs statements in order, so explicit node ordering disappears (reference/flyte.md §7.2, gotcha 14).",
        "posted >> archived  →  # posted >> archived: these calls already run in this order");

    // Findings are `a >> b` orderings, `a.runs_before(b)` calls and create_node calls.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => [">>", "runs_before", "create_node"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var reordered = new HashSet<SyntaxNode>();
        foreach (var group in module.Root.Descendants().Where(n => n.Is("Expr") && Operands(n.Child("value")!) is not null).GroupBy(n => (n.Parent, n.ParentField)))
        {
            if (Reorder(module, group.ToList()) is { } finding)
            {
                reordered.UnionWith(group);
                yield return finding;
            }
        }

        foreach (var statement in module.Root.Descendants().Where(n => n.Is("Expr")))
        {
            var operands = Operands(statement.Child("value")!);
            if (operands is null || reordered.Contains(statement))
            {
                continue;
            }

            var indent = SourceText.IndentAt(module, statement.Span.Start);
            if (operands.All(o => o.Is("Call")))
            {
                var text = string.Join(module.NewLine + indent, operands.Select(module.GetText));
                yield return new Finding(Descriptor.Id, statement.Span, "chained calls → calls in order")
                {
                    Fix = Fix.Review("write the ordered calls one after another", TextEdit.Replace(statement.Span, text)),
                };
                continue;
            }

            var body = statement.Parent!.Children(statement.ParentField!);
            var positions = operands.Select(o => o.Is("Name") ? AssignedAt(body, statement, o.Scalar("id")!) : -1).ToList();
            var ordered = positions.All(p => p >= 0) && positions.Zip(positions.Skip(1)).All(p => p.First < p.Second);
            var original = string.Join(' ', module.GetText(statement).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (ordered && body.Count > 1)
            {
                yield return new Finding(Descriptor.Id, statement.Span, "ordering already given by the call order")
                {
                    Fix = Fix.Review("the calls already run in this order", TextEdit.Replace(statement.Span, $"# {original}: these calls already run in this order")),
                };
            }
            else
            {
                var text = $"{original}: make sure these calls run in this order (Flyte 2 runs driver statements in order; async drivers need sequential awaits), then delete this line";
                yield return new Finding(Descriptor.Id, statement.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §7.2") };
            }
        }

        var createNode = new[] { "flytekit.core.node_creation.create_node", "flytekit.create_node" };
        foreach (var node in PythonImports.MayResolveTo(bindings, createNode) ? module.Root.Descendants().Where(n => Flytekit.Calls(n, bindings, createNode)) : [])
        {
            var call = new CallSyntax(node);
            if (call.Arguments.Count != 1)
            {
                continue;
            }

            var task = module.GetText(call.Arguments[0]);
            var args = string.Join(", ", call.Keywords.Select(k => module.GetText(k.Node)));
            var edits = new List<TextEdit> { TextEdit.Replace(node.Span, $"{task}({args})") };
            if (node.Parent is { Kind: "Assign" } assign && assign.Children("targets") is [{ Kind: "Name" } target])
            {
                var name = target.Scalar("id")!;
                foreach (var use in module.Root.Descendants().Where(n => n.Is("Attribute") && n.Child("value") is { Kind: "Name" } v && v.Scalar("id") == name))
                {
                    var attribute = use.Scalar("attr")!;
                    if (attribute.Length > 1 && attribute[0] == 'o' && int.TryParse(attribute[1..], out var index))
                    {
                        edits.Add(TextEdit.Replace(use.Span, index == 0 && !HasOtherOutputs(module, name) ? name : $"{name}[{index}]"));
                    }
                }
            }

            yield return new Finding(Descriptor.Id, node.Span, "create_node → direct call")
            {
                Fix = new Fix(edits, Safety.Review, "call the task directly; its outputs are real values"),
            };
        }
    }

    // The producing statements of out-of-order `a >> b` in one body, moved so every ordering holds: only when they are
    // adjacent `x = call(...)` lines that do not read each other's results (so moving them changes nothing else).
    private Finding? Reorder(PythonModule module, List<SyntaxNode> orderings)
    {
        var body = orderings[0].Parent!.Children(orderings[0].ParentField!);
        var edges = new List<(int Before, int After)>();
        foreach (var ordering in orderings)
        {
            var operands = Operands(ordering.Child("value")!)!;
            if (!operands.All(o => o.Is("Name")))
            {
                return null;
            }

            var positions = operands.Select(o => AssignedAt(body, ordering, o.Scalar("id")!)).ToList();
            if (positions.Any(p => p < 0))
            {
                return null;
            }

            edges.AddRange(positions.Zip(positions.Skip(1)));
        }

        if (edges.All(e => e.Before < e.After))
        {
            return null;
        }

        var producers = edges.SelectMany(e => new[] { e.Before, e.After }).Distinct().Order().ToList();
        var lo = producers[0];
        var hi = producers[^1];
        if (hi - lo + 1 != producers.Count || Enumerable.Range(lo, hi - lo + 1).Any(i => orderings.Contains(body[i])))
        {
            return null;
        }

        var targets = new Dictionary<int, string>();
        var lines = new Dictionary<int, TextSpan>();
        foreach (var index in producers)
        {
            if (AssignSyntax.From(body[index]) is not { TargetNames: [var target] } assign
                || assign.Value is not { } value || (value.Is("Await") ? value.Child("value") : value) is not { Kind: "Call" }
                || SourceText.WholeLines(module, body[index].Span) is not { } whole
                || !module.Text[whole.Start..whole.End].EndsWith('\n'))
            {
                return null;
            }

            targets[index] = target;
            lines[index] = whole;
        }

        for (var i = lo; i < hi; i++)
        {
            if (lines[i].End != lines[i + 1].Start)
            {
                return null;
            }
        }

        foreach (var index in producers)
        {
            var reads = body[index].Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") == "Load").Select(n => n.Scalar("id")).ToHashSet();
            if (producers.Any(other => other != index && reads.Contains(targets[other])))
            {
                return null;
            }
        }

        // Kahn's algorithm, the original order breaking ties: deterministic and as close to the source as possible.
        var order = new List<int>();
        var pending = producers.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(p => !edges.Any(e => e.After == p && pending.Contains(e.Before) && e.Before != p), -1);
            if (next < 0)
            {
                return null;
            }

            order.Add(next);
            pending.Remove(next);
        }

        var block = new TextSpan(lines[lo].Start, lines[hi].End);
        var text = string.Concat(order.Select(i => module.Text[lines[i].Start..lines[i].End]));
        var names = string.Join(", ", order.Select(i => targets[i]));
        return new Finding(Descriptor.Id, block, $"the calls are reordered so the >> dependencies hold: {names}")
        {
            Fix = Fix.Review($"call in dependency order: {names}", TextEdit.Replace(block, text)),
        };
    }

    private static bool HasOtherOutputs(PythonModule module, string name) =>
        module.Root.Descendants().Any(n => n.Is("Attribute") && n.Child("value") is { Kind: "Name" } v && v.Scalar("id") == name && n.Scalar("attr") is { } a && a.StartsWith('o') && a != "o0" && int.TryParse(a[1..], out _));

    // a >> b >> c → [a, b, c]; a.runs_before(b) → [a, b].
    private static List<SyntaxNode>? Operands(SyntaxNode value)
    {
        if (BinaryOperationSyntax.From(value) is { Operator: "RShift" } binary)
        {
            var left = Operands(binary.Left) ?? [binary.Left];
            return [.. left, binary.Right];
        }

        if (CallSyntax.From(value) is { } call && AttributeSyntax.From(call.Function) is { Attribute: "runs_before" } attribute && call.Arguments.Count == 1)
        {
            return [attribute.Value, call.Arguments[0]];
        }

        return null;
    }

    // Index in body of the last assignment to name before the statement, or -1.
    private static int AssignedAt(IReadOnlyList<SyntaxNode> body, SyntaxNode statement, string name)
    {
        var found = -1;
        for (var i = 0; i < body.Count && !ReferenceEquals(body[i], statement); i++)
        {
            if (AssignSyntax.From(body[i]) is { } assign && assign.TargetNames.Contains(name))
            {
                found = i;
            }
        }

        return found;
    }
}
