using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY590: uses of flytekit constructs without an automatic Flyte 2 conversion get a precise TODO (unsupported table).</summary>
public sealed class UnsupportedConstructs : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY590",
        "unsupported-flytekit-constructs",
        "images-and-project",
        Safety.Manual,
        "Marks each statement using a flytekit construct that has no automatic conversion (gate nodes, notifications, decks, ContainerTask, reference entities, FlyteRemote, ShellTask/SQL tasks, kwtypes, testing utilities…) with the Flyte 2 way to write it.",
        "These constructs have no direct Flyte 2 counterpart or a different API; converting them needs a decision (reference/flyte.md §8.4, §8.5, §9.4, §13, §14, §18).",
        "approve(x, \"ok\", timeout=…)  →  # TODO(flowmigrate FLY590): approve(): create a bool condition with flyte.new_condition(...)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var seen = new HashSet<(int, string)>();
        foreach (var node in module.Root.DescendantsAndSelf(n => n.DottedName() is null && n.Kind is not ("Import" or "ImportFrom")).Where(n => n.DottedName() is not null))
        {
            if (PythonImports.Resolve(node, bindings) is not { } name || context.Tables["unsupported"].Find("old", name) is not { } row)
            {
                continue;
            }

            var statement = node.Ancestors().FirstOrDefault(a => a.Parent is not null && a.ParentField is "body" or "orelse" or "finalbody" or "handlers") ?? node;
            if (FunctionDefSyntax.From(statement) is { } function && function.Decorators.Any(d => d.Span.Contains(node.Span)))
            {
                statement = function.Decorators[0];
            }

            if (!seen.Add((statement.Span.Start, name)))
            {
                continue;
            }

            var text = row.Require("note");
            yield return new Finding(Descriptor.Id, statement.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §18") };
        }
    }
}
