using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Runtime;

/// <summary>
/// <c>PrefectSecret("NAME")</c> (a task whose value arrived at run time), <c>PrefectSecret("NAME").run()</c>
/// and <c>Secret("NAME").get()</c> → <c>Secret.load("name").get()</c>, with the block-name rule
/// (lowercase, dashes) or the operator's mapping, and a TODO listing the block to create;
/// <c>EnvVarSecret("X")</c> → <c>os.environ.get("X")</c> (reference §11).
/// </summary>
public abstract class SecretsToBlocksRule(string id) : PrefectRule(
    id, "prefect-secret", "runtime", Safety.Review,
    "PrefectSecret/Secret(...).get()/EnvVarSecret → Secret.load(\"block-name\").get() / os.environ",
    "Prefect 2/3 secrets are Secret blocks with lowercase-dash names (reference/prefect.md §11).",
    "PrefectSecret(\"SLACK_WEBHOOK\")\n→\nSecret.load(\"slack-webhook\").get()"), IPrefilteredRule
{
    // Every finding is a call of one of these classes (prefect.tasks.secrets.PrefectSecret, prefect.client.Secret,
    // prefect.tasks.secrets.EnvVarSecret), whose last part the source spells.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["PrefectSecret", "Secret", "EnvVarSecret"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var handled = new HashSet<SyntaxNode>();
        foreach (var node in ModuleIndex.Of(module).Nodes("Call"))
        {
            if (handled.Contains(node))
            {
                continue;
            }

            var call = new CallSyntax(node);
            var isPrefectSecret = symbols.Is(call.Function, "prefect.tasks.secrets.PrefectSecret");
            var isClientSecret = symbols.Is(call.Function, "prefect.client.Secret");
            var isEnv = symbols.Is(call.Function, "prefect.tasks.secrets.EnvVarSecret");
            if (!isPrefectSecret && !isClientSecret && !isEnv)
            {
                continue;
            }

            var nameNode = call.Arguments.FirstOrDefault() ?? call.Keyword("name")?.Value;
            var name = ConstantSyntax.StringValue(nameNode);
            // The expression to replace: the call itself, or `...run()` / `...get()` around it.
            var outer = node;
            if (node.Parent is { } attribute && attribute.Is("Attribute") && attribute.Scalar("attr") is "run" or "get"
                && attribute.Parent is { } outerCall && outerCall.Is("Call") && outerCall.ParentField != "decorator_list" && ReferenceEquals(outerCall.Child("func"), attribute))
            {
                outer = outerCall;
            }
            else if (isClientSecret)
            {
                continue;
            }

            handled.Add(outer);
            if (name is null)
            {
                yield return new Finding(Id, node.Span, "secret with a computed name")
                {
                    Todo = new ManualTodo($"{module.GetText(node)}: load the Secret block by its 2/3 name (lowercase, dashes): Secret.load(\"...\").get()", "reference/prefect.md §11"),
                };
                continue;
            }

            if (isEnv)
            {
                if (call.Keyword("cast") is { } cast)
                {
                    yield return new Finding(Id, node.Span, "EnvVarSecret with cast")
                    {
                        Todo = new ManualTodo($"EnvVarSecret({Names.Quote(name)}, cast={module.GetText(cast.Value)}): read {module.GetText(cast.Value)}(os.environ[{Names.Quote(name)}]) inside a task", "reference/prefect.md §11"),
                    };
                    continue;
                }

                var envEdits = new List<TextEdit> { TextEdit.Replace(outer.Span, $"os.environ.get({Names.Quote(name)})") };
                envEdits.AddRange(ImportEdits.Update(module, [ImportNeed.Module("os")], [call.Function.Span]));
                yield return new Finding(Id, node.Span, $"EnvVarSecret {name} → os.environ") { Fix = new Fix(envEdits, Safety.Review, $"EnvVarSecret {name} → os.environ.get") };
                continue;
            }

            var block = context.Options.SecretBlockNames.GetValueOrDefault(name) ?? Names.BlockName(name);
            var edits = new List<TextEdit> { TextEdit.Replace(outer.Span, $"Secret.load({Names.Quote(block, module.GetText(nameNode!))}).get()") };
            edits.AddRange(ImportEdits.Update(module, [ImportNeed.Of("prefect.blocks.system", "Secret")], [call.Function.Span]));
            // A PrefectSecret was a task of the flow: the TODO names it so that the check takes it as the reason the task is gone.
            var source = isPrefectSecret ? $"v1 PrefectSecret task {name}, read from the block instead" : $"v1 secret {name}";
            var todo = $"create the Secret block \"{block}\" ({source}): Secret(value=...).save(\"{block}\") or in the UI";
            if (SourceLines.IsModuleLevel(node) && !node.Ancestors().Any(a => a.Is("With") || a.Is("If")))
            {
                todo += "; this runs at import time now: move it into the task or flow that uses it";
            }

            var message = $"secret {name} → Secret block \"{block}\"";
            yield return new Finding(Id, node.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = new ManualTodo(todo, "reference/prefect.md §11"),
            };
        }
    }
}
