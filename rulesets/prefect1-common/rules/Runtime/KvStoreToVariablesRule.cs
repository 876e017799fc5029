using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Runtime;

/// <summary>
/// KV store (<c>prefect.backend.get_key_value/set_key_value/delete_key/list_keys</c>) → <c>Variable</c>
/// per target: 2.x <c>Variable.get(k).value</c> (a string), 3.x <c>Variable.get(k)</c> (the JSON value);
/// <c>Variable.set(..., overwrite=True)</c>; delete → 3.x <c>Variable.unset</c> (reference §11).
/// </summary>
public abstract class KvStoreToVariablesRule(string id) : PrefectRule(
    id, "kv-store", "runtime", Safety.Review,
    "get_key_value/set_key_value/delete_key → Variable.get/set/unset",
    "The Prefect Cloud 1 KV store became Variables (reference/prefect.md §11).",
    "get_key_value(\"last_run\")\n→\nVariable.get(\"last_run\")")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var p3 = IsPrefect3(context);
        // Only calls of Prefect names can be KV store calls.
        foreach (var (node, resolved) in symbols.ResolvedCalls)
        {
            var call = new CallSyntax(node);
            if (resolved is not ("prefect.backend.get_key_value" or "prefect.backend.set_key_value" or "prefect.backend.delete_key" or "prefect.backend.list_keys"))
            {
                continue;
            }

            var keyNode = call.Arguments.FirstOrDefault() ?? call.Keyword("key")?.Value;
            var keyText = keyNode is null ? null : module.GetText(keyNode);
            var key = ConstantSyntax.StringValue(keyNode);
            var todos = new List<string>();
            if (key is not null && key != key.ToLowerInvariant())
            {
                var lower = key.ToLowerInvariant().Replace(' ', '_');
                todos.Add($"variable names are lowercase: create \"{lower}\" with the value of v1 key \"{key}\"");
                keyText = Names.Quote(lower, keyText);
            }

            string? replacement = resolved switch
            {
                "prefect.backend.get_key_value" when keyText is not null => p3 ? $"Variable.get({keyText})" : $"Variable.get({keyText}).value",
                "prefect.backend.set_key_value" when keyText is not null && (call.Arguments.Count > 1 ? call.Arguments[1] : call.Keyword("value")?.Value) is { } value
                    => $"Variable.set({keyText}, {module.GetText(value)}, overwrite=True)",
                "prefect.backend.delete_key" when p3 && keyText is not null => $"Variable.unset({keyText})",
                _ => null,
            };
            if (replacement is null)
            {
                yield return new Finding(Id, node.Span, "KV store call without an API equivalent")
                {
                    Todo = new ManualTodo(resolved switch
                    {
                        "prefect.backend.delete_key" => $"{module.GetText(node)}: 2.x has no Python API to delete a variable; use `prefect variable delete` (CLI)",
                        "prefect.backend.list_keys" => $"{module.GetText(node)}: list variables with `prefect variable ls` or the client's read_variables()",
                        _ => $"{module.GetText(node)}: rewrite with Variable.get/set",
                    }, "reference/prefect.md §11"),
                };
                continue;
            }

            if (!p3 && resolved == "prefect.backend.set_key_value")
            {
                todos.Add("2.x variables hold strings only: make sure the value is a str");
            }

            var edits = new List<TextEdit> { TextEdit.Replace(node.Span, replacement) };
            edits.AddRange(ImportEdits.Update(module, [ImportNeed.Of("prefect.variables", "Variable")], [call.Function.Span]));
            var message = $"{resolved.Split('.')[^1]} → Variable";
            yield return new Finding(Id, node.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §11") : null,
            };
        }
    }
}
