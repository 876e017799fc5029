using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// A Flyte 1 workflow body as a Flyte 2 driver: sync drivers run task calls one after another, where Flyte 1 ran
/// independent nodes in parallel; async drivers (<c>--driver async</c>) await each sync task through <c>.aio</c> and
/// gather runs of adjacent independent calls with <c>asyncio.gather</c> (reference/flyte.md §7.1, gotcha 11).
/// </summary>
internal static class AsyncDriver
{
    private const int MaxLineLength = 100;

    /// <summary>Runs of two or more adjacent statements that call tasks independently of each other.</summary>
    public static IReadOnlyList<IReadOnlyList<(SyntaxNode Statement, string? Target, CallSyntax Call)>> IndependentRuns(PythonModule module, FunctionDefSyntax function, IReadOnlySet<string> tasks)
    {
        var runs = new List<IReadOnlyList<(SyntaxNode, string?, CallSyntax)>>();
        var run = new List<(SyntaxNode Statement, string? Target, CallSyntax Call)>();
        void Close()
        {
            if (run.Count >= 2)
            {
                runs.Add(run.ToList());
            }

            run.Clear();
        }

        foreach (var statement in function.Body)
        {
            if (TaskCall(statement, tasks) is not { } item)
            {
                Close();
                continue;
            }

            var reads = item.Call.Node.Descendants().Where(n => n.Is("Name")).Select(n => n.Scalar("id")).ToHashSet(StringComparer.Ordinal);
            var adjacent = run.Count > 0 && module.Lines.LineOf(statement.Span.Start) == module.Lines.LineOf(Math.Max(run[^1].Statement.Span.Start, run[^1].Statement.Span.End - 1)) + 1;
            if (run.Count > 0 && (!adjacent || run.Any(r => r.Target is not null && reads.Contains(r.Target))))
            {
                Close();
            }

            run.Add(item);
        }

        Close();
        return runs;
    }

    /// <summary>
    /// True when the body holds nothing this cannot carry over: no flytekit constructs (the later steps convert them
    /// for sync code), nested functions, awaits or node ordering.
    /// </summary>
    public static bool Eligible(FunctionDefSyntax function, IReadOnlyList<ImportBinding> bindings) =>
        !function.IsAsync && function.Body.Count > 0
        && !function.Node.Descendants().Any(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "Lambda" or "Await" or "Yield" or "YieldFrom"
            || n.Is("BinOp") && n.Scalar("op") == "RShift"
            || n.Is("Call") && PythonImports.Resolve(n.Child("func"), bindings) is not null);

    /// <summary>The edits turning an eligible sync driver into an async one that awaits and gathers its task calls.</summary>
    public static List<TextEdit> Edits(PythonModule module, FunctionDefSyntax function, IReadOnlySet<string> syncTasks, IReadOnlySet<string> asyncTasks, string unit, out bool usesAsyncio)
    {
        usesAsyncio = false;
        var tasks = syncTasks.Union(asyncTasks).ToHashSet(StringComparer.Ordinal);
        var edits = new List<TextEdit> { TextEdit.Insert(function.Node.Span.Start, "async ") };
        var gathered = new HashSet<SyntaxNode>();
        foreach (var run in IndependentRuns(module, function, tasks))
        {
            var targets = run.Select(r => r.Target ?? "_").ToList();
            var calls = run.Select(r => syncTasks.Contains(r.Call.FunctionName!) ? Aio(module, r.Call) : module.GetText(r.Call.Node)).ToList();
            var indent = SourceText.IndentAt(module, run[0].Statement.Span.Start);
            var head = run.All(r => r.Target is null) ? "await asyncio.gather(" : $"{string.Join(", ", targets)} = await asyncio.gather(";
            var oneLine = head + string.Join(", ", calls) + ")";
            var text = indent.Length + oneLine.Length <= MaxLineLength && !oneLine.Contains('\n', StringComparison.Ordinal)
                ? oneLine
                : head + module.NewLine + string.Concat(calls.Select(c => $"{indent}{unit}{c},{module.NewLine}")) + indent + ")";
            var span = new TextSpan(run[0].Statement.Span.Start, run[^1].Statement.Span.End);
            if (SourceText.CommentsIn(module, span).Count > 0)
            {
                continue;
            }

            edits.Add(TextEdit.Replace(span, text));
            gathered.UnionWith(run.Select(r => r.Call.Node));
            usesAsyncio = true;
        }

        foreach (var node in function.Node.Descendants().Where(n => n.Is("Call") && n.Child("func") is { Kind: "Name" } f && tasks.Contains(f.Scalar("id")!)))
        {
            if (gathered.Contains(node) || node.Ancestors().Any(gathered.Contains))
            {
                continue;
            }

            // (await t.aio(...)).attr: await binds looser than attribute access and subscripts.
            var wrap = node.Parent is { Kind: "Attribute" or "Subscript" } parent && ReferenceEquals(parent.Child("value"), node)
                || node.Parent is { Kind: "Call" } outer && ReferenceEquals(outer.Child("func"), node);
            var func = node.Child("func")!;
            edits.Add(TextEdit.Insert(node.Span.Start, wrap ? "(await " : "await "));
            if (syncTasks.Contains(func.Scalar("id")!))
            {
                edits.Add(TextEdit.Insert(func.Span.End, ".aio"));
            }

            if (wrap)
            {
                edits.Add(TextEdit.Insert(node.Span.End, ")"));
            }
        }

        return edits;
    }

    private static string Aio(PythonModule module, CallSyntax call)
    {
        var text = module.GetText(call.Node);
        var funcLength = call.Function.Span.End - call.Node.Span.Start;
        return text[..funcLength] + ".aio" + text[funcLength..];
    }

    // x = task(...) / task(...) as a whole statement, with no other task call inside the arguments.
    private static (SyntaxNode Statement, string? Target, CallSyntax Call)? TaskCall(SyntaxNode statement, IReadOnlySet<string> tasks)
    {
        SyntaxNode? value;
        string? target = null;
        if (AssignSyntax.From(statement) is { TargetNames: [var name] } assign && statement.Children("targets") is [{ Kind: "Name" }])
        {
            value = assign.Value;
            target = name;
        }
        else if (statement.Is("Expr"))
        {
            value = statement.Child("value");
        }
        else
        {
            return null;
        }

        if (CallSyntax.From(value) is not { } call || !call.Function.Is("Name") || !tasks.Contains(call.FunctionName!)
            || call.Node.Descendants().Any(n => n.Is("Call") && n.Child("func") is { Kind: "Name" } f && tasks.Contains(f.Scalar("id")!)))
        {
            return null;
        }

        return (statement, target, call);
    }
}
