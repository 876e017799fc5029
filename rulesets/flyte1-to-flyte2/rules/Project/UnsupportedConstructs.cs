using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY590: uses of flytekit constructs without an automatic Flyte 2 conversion get a precise TODO (unsupported table).</summary>
public sealed class UnsupportedConstructs : IPrefilteredRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY590",
        "unsupported-flytekit-constructs",
        "images-and-project",
        Safety.Manual,
        "Marks each statement using a flytekit construct that has no automatic conversion (gate nodes, notifications, decks, ContainerTask, reference entities, FlyteRemote, ShellTask/SQL tasks, kwtypes, testing utilities…) with the Flyte 2 way to write it.",
        "These constructs have no direct Flyte 2 counterpart or a different API; converting them needs a decision (reference/flyte.md §8.4, §8.5, §9.4, §13, §14, §18).",
        "approve(x, \"ok\", timeout=…)  →  # TODO(flowmigrate FLY590): approve(): create a bool condition with flyte.new_condition(...)");

    // Every finding resolves to a row of the unsupported table (or a name inside one), whose last part the source spells.
    public IReadOnlyList<string> Mentions(RulesetTables tables) =>
        tables["unsupported"].Rows.Select(r => r.Require("old")).Select(n => n[(n.LastIndexOf('.') + 1)..]).Distinct(StringComparer.Ordinal).ToList();

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var seen = new HashSet<(int, string)>();
        var converted = ContainerTaskToFlyte.Converted(module);
        // One TODO per statement: a ShellTask(...) with kwtypes(...) inputs is one thing to rewrite.
        var byStatement = new List<(SyntaxNode Statement, List<string> Notes)>();
        // Without flytekit bindings no name resolves, so none is unsupported: the tree needs no walk.
        foreach (var node in bindings.Count == 0 ? [] : module.Root.DescendantsAndSelf(n => !Flytekit.IsDotted(n) && n.Kind is not ("Import" or "ImportFrom")).Where(Flytekit.IsDotted))
        {
            var name = PythonImports.Resolve(node, bindings);
            var row = name is null ? null : context.Tables["unsupported"].Find("old", name);
            while (row is null && name is not null && name.Contains('.', StringComparison.Ordinal))
            {
                // FlyteRemote.for_endpoint → FlyteRemote
                name = name[..name.LastIndexOf('.')];
                row = context.Tables["unsupported"].Find("old", name);
            }

            if (row is null || name is null)
            {
                continue;
            }

            var statement = EnclosingStatement.Of(node);
            if (FunctionDefSyntax.From(statement) is { } function && function.Decorators.Count > 0)
            {
                statement = function.Decorators[0];
            }

            if (converted.Any(c => c.Span.Start == statement.Span.Start) || !seen.Add((statement.Span.Start, name)))
            {
                continue;
            }

            var note = row.Require("note");
            var index = byStatement.FindIndex(s => s.Statement.Span.Start == statement.Span.Start);
            if (index < 0)
            {
                byStatement.Add((statement, [note]));
            }
            else if (!byStatement[index].Notes.Contains(note))
            {
                byStatement[index].Notes.Add(note);
            }
        }

        foreach (var (statement, notes) in byStatement)
        {
            var text = string.Join("; ", notes);
            yield return new Finding(Descriptor.Id, statement.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §18") };
        }
    }
}
