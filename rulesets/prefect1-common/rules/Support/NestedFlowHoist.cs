using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A <c>with Flow(...) as f:</c> built in a module-level function (a <c>main()</c>) with deployment settings
/// (schedule, executor…) that only need module-level names: the block and the local assignments its Flow
/// keywords read move to module level, above the function, where the flow-definition and deployment rules
/// convert them; the function's one <c>f.run(...)</c> stays and calls the module-level flow. An
/// <c>executor=</c> passed to that run moves onto the Flow (it was the flow's only run).
/// </summary>
public static class NestedFlowHoist
{
    /// <summary>The edits moving the block, or null when it reads the function's own names or the flow is used otherwise.</summary>
    public static IReadOnlyList<TextEdit>? Edits(PythonModule module, WithSyntax with, string functionName)
    {
        if (with.Items.Count != 1 || CallSyntax.From(with.Items[0].Context) is not { } call || with.Items[0].Target is not { } target || !target.Is("Name")
            || with.Node.ParentField != "body" || with.Node.Parent is not { } function || function.Kind is not ("FunctionDef" or "AsyncFunctionDef")
            || function.Parent?.Is("Module") != true)
        {
            return null;
        }

        var variable = target.Scalar("id")!;
        var body = function.Children("body").ToList();
        var index = body.FindIndex(s => ReferenceEquals(s, with.Node));
        var moduleNames = ModuleBound(module);
        if (moduleNames.Contains(variable) || moduleNames.Contains(functionName))
        {
            return null;
        }

        // The local assignments the Flow's keywords read: single-name, before the block, read nowhere else, built from module names.
        var local = LocalNames(function);
        var moved = new List<SyntaxNode>();
        foreach (var name in call.Node.Descendants().Where(n => n.Is("Name") && local.Contains(n.Scalar("id")!)).Select(n => n.Scalar("id")!).Distinct())
        {
            var bindings = function.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") != "Load").ToList();
            var reads = function.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") == "Load").ToList();
            var assignment = body.Take(index).FirstOrDefault(s => s.Is("Assign") && s.Children("targets") is [{ } t] && t.Is("Name") && t.Scalar("id") == name);
            if (assignment is null || bindings.Count != 1 || moduleNames.Contains(name) || reads.Any(r => !(call.Node.Span.Start <= r.Span.Start && r.Span.End <= call.Node.Span.End))
                || assignment.Child("value")!.DescendantsAndSelf().Any(n => n.Is("Name") && local.Contains(n.Scalar("id")!)))
            {
                return null;
            }

            moved.Add(assignment);
        }

        // The block reads no name of the function other than what it binds itself.
        var ownNames = with.Node.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") != "Load").Select(n => n.Scalar("id")!).ToHashSet(StringComparer.Ordinal);
        var movedNames = moved.Select(m => m.Children("targets")[0].Scalar("id")!).ToHashSet(StringComparer.Ordinal);
        if (with.Body.SelectMany(s => s.DescendantsAndSelf()).Any(n => n.Is("Name") && n.Scalar("ctx") == "Load" && local.Contains(n.Scalar("id")!) && !ownNames.Contains(n.Scalar("id")!))
            || ownNames.Any(n => moduleNames.Contains(n) || movedNames.Contains(n))
            || function.Descendants().Any(n => n.Is("Name") && ownNames.Contains(n.Scalar("id")!) && n.Scalar("id") != variable && !(with.Node.Span.Start <= n.Span.Start && n.Span.End <= with.Node.Span.End))
            || function.Descendants().Any(n => n.Kind is "Global" or "Nonlocal"))
        {
            return null;
        }

        // The flow variable: only one `f.run(...)` statement after the block.
        var uses = function.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == variable && !ReferenceEquals(n, target)).ToList();
        if (uses.Count != 1 || uses[0].Parent is not { } attribute || !attribute.Is("Attribute") || attribute.Scalar("attr") != "run"
            || CallSyntax.From(attribute.Parent) is not { } run || run.Node.Parent?.Is("Expr") != true || run.Node.Parent.Parent != function
            || body.FindIndex(s => ReferenceEquals(s, run.Node.Parent)) < index)
        {
            return null;
        }

        var executor = run.Keyword("executor");
        if (executor is not null && (call.Keyword("executor") is not null || executor.Value.DescendantsAndSelf().Any(n => n.Is("Name") && local.Contains(n.Scalar("id")!))))
        {
            return null;
        }

        // The moved text, dedented to module level (lines that do not start with the block's indentation, as in a
        // multi-line string, would change: then it stays).
        var indent = SourceLines.IndentOf(module, with.Node.Span.Start);
        var nl = module.NewLine;
        var pieces = new List<string>();
        foreach (var statement in moved.Append(with.Node).OrderBy(s => s.Span.Start))
        {
            var whole = SourceLines.WholeLines(module, statement);
            if (whole.End <= statement.Span.End)
            {
                return null;
            }

            var text = module.Text[whole.Start..whole.End];
            if (ReferenceEquals(statement, with.Node) && executor is not null)
            {
                var closing = call.Node.Span.End - 1 - whole.Start;
                var separator = call.Arguments.Count + call.Keywords.Count > 0 ? ", " : string.Empty;
                text = text[..closing] + separator + "executor=" + module.GetText(executor.Value) + text[closing..];
            }

            var lines = text.Split('\n');
            if (lines.Any(l => l.TrimEnd('\r').Length > 0 && !l.StartsWith(indent, StringComparison.Ordinal)))
            {
                return null;
            }

            pieces.Add(string.Join('\n', lines.Select(l => l.TrimEnd('\r').Length == 0 ? l : l[indent.Length..])).TrimEnd('\r', '\n'));
        }

        var anchor = ((IEnumerable<SyntaxNode>)function.Children("decorator_list")).Select(d => d.Span.Start - 1).Append(function.Span.Start).Min();
        var insertAt = module.Lines.LineStart(module.Lines.LineOf(anchor));
        var edits = new List<TextEdit> { TextEdit.Insert(insertAt, string.Join(nl + nl + nl, pieces) + nl + nl + nl) };
        edits.AddRange(SourceLines.DeleteStatements(module, moved.Append(with.Node)));
        edits.Add(TextEdit.Replace(uses[0].Span, functionName));
        if (executor is not null)
        {
            edits.AddRange(CallEdits.RemoveMany(module, run, [executor.Node]));
        }

        return edits;
    }

    private static HashSet<string> LocalNames(SyntaxNode function)
    {
        var names = new FunctionDefSyntax(function).ParameterNames.ToHashSet(StringComparer.Ordinal);
        names.UnionWith(function.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") != "Load").Select(n => n.Scalar("id")!));
        names.UnionWith(function.Descendants().Where(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef").Select(n => n.Scalar("name")!));
        return names;
    }

    private static HashSet<string> ModuleBound(PythonModule module)
    {
        var names = module.Body.SelectMany(s => s.Kind switch
        {
            "FunctionDef" or "AsyncFunctionDef" or "ClassDef" => [s.Scalar("name")!],
            "Import" or "ImportFrom" => new ImportSyntax(s).Names.Select(n => n.BoundName),
            _ => s.DescendantsAndSelf(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "Lambda")).Where(n => n.Is("Name") && n.Scalar("ctx") != "Load").Select(n => n.Scalar("id")!),
        });
        return names.ToHashSet(StringComparer.Ordinal);
    }
}
