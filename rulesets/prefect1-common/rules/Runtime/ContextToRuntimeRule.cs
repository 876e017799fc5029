using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Runtime;

/// <summary>
/// <c>prefect.context</c> reads → <c>get_run_logger()</c> and <c>prefect.runtime</c> (table
/// <c>context_keys</c>): <c>.get("k")</c>, <c>.k</c> and <c>["k"]</c> forms, <c>import prefect</c> or
/// <c>from prefect import context</c>. Keys without an equivalent get a TODO (reference §9).
/// </summary>
public abstract class ContextToRuntimeRule(string id) : PrefectRule(
    id, "prefect-context", "runtime", Safety.Review,
    "prefect.context logger/keys → get_run_logger() / prefect.runtime",
    "prefect.context is no longer a dictionary in 2/3; the run logger and run metadata have their own APIs (reference/prefect.md §9).",
    "logger = prefect.context.get(\"logger\")\n→\nlogger = get_run_logger()")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var table = context.Tables["context_keys"];
        var column = PrefectTarget.Column(context.Options);
        var seen = new HashSet<SyntaxNode>();
        // v1 logging settings in env-var names (os.environ[...], env dicts): 2/3 spell them PREFECT_LOGGING_* (reference §9.1).
        foreach (var setting in ModuleIndex.Of(module).Nodes("Constant").Where(n => n.Scalar("vt") == "str" && n.Scalar("v") is "PREFECT__LOGGING__LEVEL" or "PREFECT__LOGGING__EXTRA_LOGGERS"))
        {
            var renamed = module.GetText(setting).Replace("PREFECT__LOGGING__", "PREFECT_LOGGING_", StringComparison.Ordinal);
            var message = $"{setting.Scalar("v")} → {renamed.Trim('"', '\'')} (Prefect 2/3 setting name)";
            yield return new Finding(Id, setting.Span, message) { Fix = new Fix([TextEdit.Replace(setting.Span, renamed)], Safety.Safe, message) };
        }

        // Every form below reads an expression that resolves to prefect.context: a module without one has none of them, and
        // Match can only hold for the parent or grandparent of one.
        var mentionsContext = symbols.Mentions("prefect.context");
        var candidates = mentionsContext ? Candidates(symbols) : [];
        var converted = candidates.Select(n => Match(symbols, n)).Where(m => m.Expression is not null && m.Key is not null
            && (m.Key is "logger" or "secrets" || !string.IsNullOrEmpty(table.Find("key", m.Key)?.Get(column)))).Select(m => m.Context!).ToList();
        var allContext = converted.Select(c => c.Span).ToList();
        // Read as an attribute (prefect.context), never through a from-imported name: no import can be consumed by a
        // conversion (only from-imported names are dropped), so the import edits of two conversions needing the same name are
        // the same whichever lands first, and may share one pass (TextEdit.Shareable).
        var shareable = converted.All(c => c.Is("Attribute"));
        // `ctx = prefect.context`: the keys read through the alias cannot be followed.
        foreach (var assign in (mentionsContext ? ModuleIndex.Of(module).Nodes("Assign") : []).Where(n => n.Child("value") is { } v && v.Kind is "Name" or "Attribute" && symbols.Resolve(v) == "prefect.context"))
        {
            var alias = string.Join(", ", assign.Children("targets").Select(module.GetText));
            yield return new Finding(Id, assign.Span, $"{alias} aliases prefect.context")
            {
                Todo = new ManualTodo($"{alias} aliases prefect.context, which 2/3 do not have: replace each {alias}.<key> with its prefect.runtime value (or get_run_logger()) per reference §9.2", "reference/prefect.md §9.2"),
            };
        }

        foreach (var node in candidates)
        {
            var (expression, key, contextNode) = Match(symbols, node);
            if (expression is null || key is null || !seen.Add(expression) || expression.Ancestors().Any(seen.Contains))
            {
                continue;
            }

            if (key == "logger")
            {
                yield return Replace(module, expression, allContext, shareable, "get_run_logger()", [ImportNeed.Of("prefect", "get_run_logger")], "prefect.context logger → get_run_logger()");
                continue;
            }

            if (key == "secrets" && expression.Parent is { } parent && parent.Is("Subscript") && ConstantSyntax.StringValue(parent.Child("slice")) is { } secretName)
            {
                var block = context.Options.SecretBlockNames.GetValueOrDefault(secretName) ?? Names.BlockName(secretName);
                var finding = Replace(module, parent, allContext, shareable, $"Secret.load({Names.Quote(block)}).get()", [ImportNeed.Of("prefect.blocks.system", "Secret")],
                    $"local secret {secretName} → Secret block {block}");
                yield return finding with { Todo = new ManualTodo($"create the Secret block \"{block}\" (v1 secret {secretName}): Secret(value=...).save(\"{block}\")", "reference/prefect.md §11") };
                continue;
            }

            var row = table.Find("key", key);
            var replacement = row?.Get(column);
            if (string.IsNullOrEmpty(replacement))
            {
                yield return new Finding(Id, expression.Span, $"prefect.context key '{key}' has no 2/3 equivalent")
                {
                    Todo = new ManualTodo(row?.Get("note") is { } note ? $"prefect.context \"{key}\": {note}" : $"custom prefect.context key \"{key}\": pass the value as a flow/task parameter", "reference/prefect.md §9.2"),
                };
                continue;
            }

            var needs = new List<ImportNeed> { ImportNeed.Module("prefect.runtime") };
            if (replacement.Contains("timedelta(", StringComparison.Ordinal) && !symbols.Module.Imports().Any(i => i.Names.Any(n => n.BoundName == "timedelta")))
            {
                needs.Add(ImportNeed.Of("datetime", "timedelta"));
            }

            var wrapped = expression.Parent is { } p && p.Kind is "Attribute" or "Subscript" or "Call" && replacement.StartsWith('(') is false && replacement.Contains(' ') ? $"({replacement})" : replacement;
            var message = $"prefect.context \"{key}\" → {replacement}" + (row?.Get("note") is { } n ? $" ({n})" : string.Empty);
            yield return Replace(module, expression, allContext, shareable, wrapped, needs, message);
        }

        foreach (var with in ModuleIndex.Of(module).Nodes("With"))
        {
            if (LocalSecrets.Of(with) is { } secrets)
            {
                yield return LocalSecretsGuard(context, with, secrets);
                continue;
            }

            foreach (var (item, _) in new WithSyntax(with).Items)
            {
                if (CallSyntax.From(item) is { } call && symbols.Is(call.Function, "prefect.context"))
                {
                    yield return new Finding(Id, with.Span, "custom context values")
                    {
                        Todo = new ManualTodo($"`with {module.GetText(item)}:` set custom context values; 2/3 have no user context store: pass them as parameters (or use contextvars)", "reference/prefect.md §9.2"),
                    };
                }
            }
        }

        if (allContext.Count == 0 && ImportEdits.RemoveUnused(module, symbols, "prefect.context") is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "prefect.context is no longer used") { Fix = new Fix(cleanup, Safety.Safe, "remove the unused context import") };
        }
    }

    // `with prefect.context(secrets={...}):` around a local run → a __main__ guard that first creates each missing secret as a
    // Secret block (an existing block is kept: overwriting it would change what deployed flows read).
    private Finding LocalSecretsGuard(RuleContext context, SyntaxNode with, IReadOnlyList<(string Name, SyntaxNode Value)> secrets)
    {
        var module = context.Module;
        var syntax = new WithSyntax(with);
        var colon = module.Text.IndexOf(':', syntax.Items[0].Context.Span.End);
        var indent = SourceLines.IndentOf(module, syntax.Body[0].Span.Start);
        var nl = module.NewLine;
        var needs = new List<ImportNeed> { ImportNeed.Of("prefect.blocks.system", "Secret") };
        var saves = new List<string>();
        var blocks = new List<string>();
        var asJson = new List<string>();
        foreach (var (name, value) in secrets)
        {
            var block = context.Options.SecretBlockNames.GetValueOrDefault(name) ?? Names.BlockName(name);
            blocks.Add($"{name} → \"{block}\"");
            var text = module.GetText(value);
            if (!IsPrefect3(context) && IsDictionary(module, value))
            {
                // A 2.x Secret holds a string (SecretStr): a dict is stored as JSON.
                text = $"json.dumps({text})";
                needs.Add(ImportNeed.Module("json"));
                asJson.Add(block);
            }

            // Created once, never overwritten: the block may already hold the value other flows use (reference §11).
            var quoted = Names.Quote(block);
            saves.Add($"{nl}{indent}try:{nl}{indent}{indent}Secret.load({quoted}){nl}{indent}except ValueError:{nl}{indent}{indent}Secret(value={text}).save({quoted})");
        }

        var edits = new List<TextEdit>
        {
            TextEdit.Replace(new TextSpan(with.Span.Start, colon + 1), "if __name__ == \"__main__\":" + string.Concat(saves)),
        };
        edits.AddRange(ImportEdits.Update(module, needs, []));
        var message = $"local secrets in prefect.context → Secret blocks created (when missing) before the run, under a __main__ guard ({string.Join(", ", blocks)})";
        var todo = $"v1 read the local secrets {string.Join(", ", secrets.Select(s => s.Name))} from prefect.context; 2/3 read Secret blocks, so this script creates the missing ones as Secret blocks on the Prefect server before the run and keeps existing blocks, whose values the run then uses (block names: {string.Join(", ", blocks)})"
            + (asJson.Count > 0 ? $"; a 2.x Secret holds a string, so {string.Join(", ", asJson)} is stored as JSON: read it with json.loads(Secret.load(...).get())" : string.Empty);
        return new Finding(Id, with.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = new ManualTodo(todo, "reference/prefect.md §11"),
        };
    }

    // A dict display or dict(...) call, or a name bound once at module level to one.
    private static bool IsDictionary(PythonModule module, SyntaxNode value)
    {
        if (value.Kind is "Dict" or "DictComp" || CallSyntax.From(value)?.FunctionName == "dict")
        {
            return true;
        }

        if (!value.Is("Name"))
        {
            return false;
        }

        var bindings = module.Body.Where(s => s.Is("Assign") && s.Children("targets") is [{ } t] && t.Is("Name") && t.Scalar("id") == value.Scalar("id")).ToList();
        return bindings.Count == 1 && bindings[0].Child("value") is { } bound && (bound.Kind is "Dict" or "DictComp" || CallSyntax.From(bound)?.FunctionName == "dict");
    }

    // The nodes Match may hold for, in source order (ancestors first, as Descendants() yields them): the parent of each
    // expression resolving to prefect.context (context.k, context["k"]) and its grandparent (the call of context.get).
    private static List<SyntaxNode> Candidates(PrefectSymbols symbols)
    {
        var candidates = new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance);
        foreach (var (node, name) in symbols.ResolvedExpressions)
        {
            if (name == "prefect.context" && node.Parent is { } parent)
            {
                candidates.Add(parent);
                if (parent.Parent is { } grandparent && !grandparent.Is("Module"))
                {
                    candidates.Add(grandparent);
                }
            }
        }

        return candidates.OrderBy(n => n.Span.Start).ThenByDescending(n => n.Span.End).ToList();
    }

    // (expression to replace, key, the prefect.context node) for context.get("k"), context.k, context["k"].
    private static (SyntaxNode? Expression, string? Key, SyntaxNode? Context) Match(PrefectSymbols symbols, SyntaxNode node)
    {
        if (node.Is("Call") && node.Child("func") is { } func && func.Is("Attribute") && func.Scalar("attr") == "get"
            && symbols.Is(func.Child("value"), "prefect.context") && ConstantSyntax.StringValue(node.Children("args").FirstOrDefault()) is { } key)
        {
            return (node, key, func.Child("value"));
        }

        if (node.Is("Subscript") && symbols.Is(node.Child("value"), "prefect.context") && ConstantSyntax.StringValue(node.Child("slice")) is { } subKey)
        {
            return (node, subKey, node.Child("value"));
        }

        if (node.Is("Attribute") && symbols.Is(node.Child("value"), "prefect.context") && node.Scalar("attr") is { } attr
            && attr is not ("get" or "update" or "to_dict" or "setdefault") && !(node.Parent?.Is("Call") == true && node.ParentField == "func"))
        {
            return (node, attr, node.Child("value"));
        }

        return (null, null, null);
    }

    private Finding Replace(PythonModule module, SyntaxNode expression, IReadOnlyCollection<TextSpan> contextNodes, bool shareable, string text, IReadOnlyList<ImportNeed> needs, string message)
    {
        var edits = new List<TextEdit> { TextEdit.Replace(expression.Span, text) };
        edits.AddRange(ImportEdits.Update(module, needs, contextNodes.Count <= 1 ? contextNodes : []).Select(e => shareable ? e with { Shareable = true } : e));
        return new Finding(Id, expression.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
    }
}
