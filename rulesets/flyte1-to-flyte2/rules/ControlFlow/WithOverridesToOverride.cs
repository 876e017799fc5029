using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY304: <c>t(x=1).with_overrides(...)</c> → <c>t.override(...)(x=1)</c> with renamed keywords.</summary>
public sealed class WithOverridesToOverride : IPrefilteredRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY304",
        "with-overrides-to-override",
        "control-flow",
        Safety.Review,
        "t(args).with_overrides(...) → t.override(...)(args): requests/limits/resources/accelerator/shared_memory → resources=flyte.Resources(...), name → short_name, task_config → plugin_config, cache converted; container_image/aliases → TODO.",
        "Flyte 2 overrides the task before calling it, and the image can never be overridden per call (reference/flyte.md §8.2).",
        "t(x=1).with_overrides(retries=3, requests=Resources(mem=\"1Gi\"))  →  t.override(retries=3, resources=flyte.Resources(memory=\"1Gi\"))(x=1)");

    // Every finding is a call of a with_overrides attribute.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["with_overrides"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var quote = SourceText.PreferredQuote(module);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.Descendants().Where(n => n.Is("Call")))
        {
            var outer = new CallSyntax(node);
            if (AttributeSyntax.From(outer.Function) is not { Attribute: "with_overrides" } attribute || CallSyntax.From(attribute.Value) is not { } inner)
            {
                continue;
            }

            var keywords = outer.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, StringComparer.Ordinal);
            var parts = new List<string>();
            var notes = new List<string>();
            var resourcesDone = false;
            var pluginModules = new List<string>();
            foreach (var keyword in outer.Keywords)
            {
                var row = keyword.Name is null ? null : context.Tables["override-params"].Find("old", keyword.Name);
                var value = module.GetText(keyword.Value);
                switch (row?.Get("action"))
                {
                    case "rename" when keyword.Name == "task_config":
                        var plugin = EnvironmentPlan.PluginText(module, keyword.Value, bindings, context.Tables, notes);
                        parts.Add($"plugin_config={plugin}");
                        pluginModules.AddRange(PluginModules.NamedIn(plugin));
                        break;
                    case "rename":
                        parts.Add($"{row.Require("new")}={value}");
                        break;
                    case "resources" when !resourcesDone:
                        resourcesDone = true;
                        var builder = new ResourcesText(module, bindings, context.Tables);
                        SyntaxNode? V(string n) => keywords.GetValueOrDefault(n)?.Value;
                        parts.Add("resources=" + (builder.Build(V("requests"), V("limits"), V("resources"), V("accelerator"), V("shared_memory")) ?? value));
                        notes.AddRange(builder.Notes);
                        break;
                    case "resources":
                        break;
                    case "cache":
                        var cache = ConstantSyntax.From(keyword.Value) is { ValueType: "bool" } flag
                            ? SourceText.Literal(quote, flag.Value == "True" ? "auto" : "disable")
                            : value;
                        parts.Add($"cache={cache}");
                        if (cache == value)
                        {
                            notes.Add($"cache={value}: convert to \"auto\" or flyte.Cache(behavior=\"auto\", version_override=...) (reference/flyte.md §5)");
                        }

                        break;
                    default:
                        notes.Add(keyword.Name == "container_image"
                            ? $"with_overrides(container_image={value}) is impossible in Flyte 2: define this task in another environment (env.clone_with(name=..., image=...))"
                            : $"with_overrides({keyword.Name}={value}) has no Flyte 2 equivalent and was removed");
                        break;
                }
            }

            var callee = module.GetText(inner.Function);
            var arguments = module.Text[inner.Function.Span.End..inner.Node.Span.End];
            var text = parts.Count == 0 ? $"{callee}{arguments}" : $"{callee}.override({string.Join(", ", parts)}){arguments}";
            var edits = new List<TextEdit> { TextEdit.Replace(node.Span, text) };
            edits.AddRange(pluginModules.Distinct().Where(added.Add).Select(m => PythonImports.AddImport(module, m, "flytekit")).Where(e => e is not null).Select(e => e!));
            yield return new Finding(Descriptor.Id, node.Span, "with_overrides → override")
            {
                Fix = new Fix(edits, Safety.Review, "override the task, then call it"),
                Todo = notes.Count == 0 ? null : new ManualTodo(string.Join("; ", notes), "reference/flyte.md §8.2"),
            };
        }
    }
}
