using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY305: <c>current_context()</c> uses → <c>flyte.ctx()</c>, <c>os.environ</c> (secrets), <c>flyte.logger</c>, <c>tempfile.mkdtemp()</c>.</summary>
public sealed class CurrentContextToFlyteCtx : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY305",
        "current-context-to-flyte-ctx",
        "control-flow",
        Safety.Review,
        "current_context().secrets.get(group=, key=) → os.environ[\"GROUP_KEY\"]; .logging → flyte.logger; .execution_id.* / .execution_date / .raw_output_prefix → flyte.ctx() fields; .working_directory → tempfile.mkdtemp(); .default_deck.append(html) → flyte.report.log(html); the rest gets a TODO. A ctx variable left unused is removed.",
        "current_context() is gone in Flyte 2; secrets are environment variables named GROUP_KEY (reference/flyte.md §6, §13, gotcha 13).",
        "current_context().secrets.get(group=\"db\", key=\"pw\")  →  os.environ[\"DB_PW\"]");

    private static readonly string[] CurrentContext = ["flytekit.current_context"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var quote = SourceText.PreferredQuote(module);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in PythonImports.MayResolveTo(bindings, CurrentContext) ? module.Root.Descendants().Where(n => Flytekit.Calls(n, bindings, CurrentContext)).ToList() : [])
        {
            if (call.Parent is { Kind: "Call" } outer && outer.Child("func") is { Kind: "Attribute" } method && method.Scalar("attr") == "get_default_launch_plan")
            {
                // LaunchPlan.get_default_launch_plan(current_context(), wf) becomes wf in the triggers step (FLY401).
                continue;
            }

            var uses = new List<SyntaxNode>();
            SyntaxNode? assignment = null;
            if (call.Parent is { Kind: "Assign" } assign && assign.Children("targets") is [{ Kind: "Name" } target])
            {
                assignment = assign;
                var scope = assign.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef") ?? module.Root;
                uses.AddRange(scope.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == target.Scalar("id") && n.Scalar("ctx") == "Load"));
            }
            else
            {
                uses.Add(call);
            }

            var edits = new List<TextEdit>();
            var todos = new List<(SyntaxNode Node, string Text)>();
            var imports = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var use in uses)
            {
                var (node, replacement, note) = Convert(module, use, context.Tables, quote);
                if (replacement is not null && node.Parent is { Kind: "Assign" } selfAssign && ReferenceEquals(selfAssign.Child("value"), node)
                    && selfAssign.Children("targets") is [var assigned] && module.GetText(assigned).Replace('\'', '"') == replacement.Replace('\'', '"'))
                {
                    // os.environ["X"] = <secret X>: Flyte 2 already exposes the secret as that variable.
                    edits.Add(PythonImports.RemoveStatement(module, selfAssign));
                }
                else if (replacement is not null)
                {
                    edits.Add(TextEdit.Replace(node.Span, replacement));
                    // import flyte.report comes from FLY308, which owns it (two rules adding it in one pass would add it twice).
                    foreach (var needed in new[] { "os", "tempfile", "flyte" }.Where(m => replacement.StartsWith(m + ".", StringComparison.Ordinal) || replacement.StartsWith($"await {m}.", StringComparison.Ordinal)))
                    {
                        imports.Add(needed);
                    }
                }

                if (note is not null)
                {
                    todos.Add((node, note));
                }
            }

            if (assignment is not null && edits.Count == uses.Count && todos.Count == 0)
            {
                edits.Add(PythonImports.RemoveStatement(module, assignment));
            }

            foreach (var needed in imports)
            {
                // One finding per pass adds a given import (two identical inserts would both apply).
                if (added.Add(needed) && PythonImports.AddImport(module, needed, "flytekit") is { } add)
                {
                    edits.Add(add);
                }
            }

            if (edits.Count > 0)
            {
                yield return new Finding(Descriptor.Id, call.Span, "current_context() → Flyte 2 equivalents")
                {
                    Fix = new Fix(edits, Safety.Review, "flyte.ctx(), os.environ for secrets, flyte.logger"),
                };
            }

            foreach (var (node, text) in todos)
            {
                yield return new Finding(Descriptor.Id, node.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §13.1") };
            }
        }
    }

    // The widest node to replace for one use of the context, its replacement (null when none) and a TODO note.
    private static (SyntaxNode Node, string? Replacement, string? Note) Convert(PythonModule module, SyntaxNode use, RulesetTables tables, char quote)
    {
        var path = new List<string>();
        var node = use;
        while (node.Parent is { Kind: "Attribute" } parent && ReferenceEquals(parent.Child("value"), node))
        {
            path.Add(parent.Scalar("attr")!);
            node = parent;
        }

        if (path is ["secrets", "get"] && node.Parent is { Kind: "Call" } get && ReferenceEquals(get.Child("func"), node))
        {
            var call = new CallSyntax(get);
            var group = StringValue(module, call.Keyword("group")?.Value ?? call.Arguments.ElementAtOrDefault(0));
            var key = StringValue(module, call.Keyword("key")?.Value ?? call.Arguments.ElementAtOrDefault(1));
            if (key is null)
            {
                return (get, null, $"{module.GetText(get)}: read the secret from os.environ[\"GROUP_KEY\"] (the flyte.Secret's env var name, reference/flyte.md §6)");
            }

            var name = EnvVarOverride(module, group, key) ?? SecretsText.EnvVarName(group, key);
            return (get, $"os.environ[{SourceText.Literal(quote, name)}]", null);
        }

        if (path is ["default_deck", "append"] && node.Parent is { Kind: "Call" } append && ReferenceEquals(append.Child("func"), node))
        {
            // The default deck is the report's main tab; flyte.report.log is @syncify, so async code awaits its .aio.
            var inAsync = append.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef" or "Lambda")?.Kind == "AsyncFunctionDef";
            if (!inAsync)
            {
                return (node, "flyte.report.log", null);
            }

            if (append.Parent is { Kind: "Expr" })
            {
                return (append, $"await flyte.report.log.aio{module.Text[node.Span.End..append.Span.End]}", null);
            }
        }

        for (var length = path.Count; length > 0; length--)
        {
            var key = string.Join('.', path.Take(length));
            if (tables["context"].Find("old", key) is not { } row)
            {
                continue;
            }

            var target = node;
            for (var i = length; i < path.Count; i++)
            {
                target = target.Child("value")!;
            }

            var replacement = row.Get("new");
            return (target, replacement, row.Get("note") is { } note ? $"current_context().{key}: {note}" : null);
        }

        return (node, null, $"{module.GetText(node)}: no Flyte 2 equivalent known; use flyte.ctx() (TaskContext: action, run_start_time, raw_data_path, checkpoint, custom_context) or remove it (reference/flyte.md §13.1)");
    }

    // A string literal, or a name the module binds once, at top level, to a string literal (SECRET_GROUP = "user-info").
    private static string? StringValue(PythonModule module, SyntaxNode? node)
    {
        if (node is null || !node.Is("Name"))
        {
            return ConstantSyntax.StringValue(node);
        }

        var name = node.Scalar("id")!;
        // Rebound anywhere (a second assignment, a loop, a global statement, a parameter of the enclosing function): not a constant.
        var stores = module.Root.Descendants().Count(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") != "Load");
        var shadowed = module.Root.Descendants().Any(n => n.Kind is "Global" or "Nonlocal" && module.GetText(n).Contains(name, StringComparison.Ordinal))
            || node.Ancestors().Select(FunctionDefSyntax.From).Any(f => f is not null && f.ParameterNames.Contains(name));
        var assignment = module.Body.Select(AssignSyntax.From).FirstOrDefault(a => a is not null && a.TargetNames.SequenceEqual([name!]));
        return stores == 1 && !shadowed && assignment is not null ? ConstantSyntax.StringValue(assignment.Value) : null;
    }

    // flyte.Secret(group=g, key=k, as_env_var="X") declared in the module → X.
    private static string? EnvVarOverride(PythonModule module, string? group, string key)
    {
        foreach (var node in module.Root.Descendants().Where(n => n.Is("Call")))
        {
            var call = new CallSyntax(node);
            if (call.FunctionName is not ("flyte.Secret" or "Secret") || call.Keyword("as_env_var") is not { } envVar)
            {
                continue;
            }

            var secretKey = ConstantSyntax.StringValue(call.Keyword("key")?.Value);
            var secretGroup = ConstantSyntax.StringValue(call.Keyword("group")?.Value);
            if (secretKey == key && secretGroup == group)
            {
                return ConstantSyntax.StringValue(envVar.Value) ?? ConstantSyntax.StringValue(envVar.Value);
            }
        }

        return null;
    }
}
