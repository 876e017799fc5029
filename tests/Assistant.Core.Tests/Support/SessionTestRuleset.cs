using Assistant.Core.Rules;
using Assistant.Core.Rules.Loading;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Support;

/// <summary>
/// A small real ruleset for session tests (the product's rulesets change too often to pin session
/// behaviour on them): step "imports" renames <c>flytekit</c> imports to <c>flyte</c> (safe), step
/// "decorators" renames <c>@workflow</c> to <c>@flow_task</c> (review), step "triggers" puts a TODO
/// above <c>LaunchPlan</c> calls, and step "images" has no rules (always empty).
/// </summary>
public sealed class SessionTestRuleset : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SessionTestRuleset()
    {
        _directory.Write("flyte1-to-flyte2/ruleset.yaml", """
            id: flyte1-to-flyte2
            name: Test ruleset
            version: "0.1"
            source: { framework: flytekit, versions: "1.x" }
            target: { framework: flyte, versions: "2.x" }
            steps:
              - id: imports
                title: Rename imports
                description: flytekit imports become flyte imports.
                rules: [T01]
              - id: decorators
                title: Rename decorators
                description: workflow decorators become flow_task.
                rules: [T02]
              - id: images
                title: Images
                description: Nothing to do in tests.
              - id: triggers
                title: Triggers
                description: Launch plans need a person.
                rules: [T03]
            """);
    }

    public Ruleset Load(string id) => RulesetLoader.Load(Path.Combine(_directory.Path, "flyte1-to-flyte2"), [new RenameImports(), new RenameWorkflow(), new TodoOnLaunchPlan()], []);

    public void Dispose() => _directory.Dispose();

    private sealed class RenameImports : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T01", "flytekit-import", "imports", Safety.Safe, "rename", "test", "");

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            foreach (var import in context.Module.Imports().Where(i => i.IsFrom && i.Module == "flytekit"))
            {
                var start = context.Module.Text.IndexOf("flytekit", import.Node.Span.Start, StringComparison.Ordinal);
                yield return new Finding("T01", import.Node.Span, "flytekit → flyte") { Fix = Fix.Safe("import from flyte", TextEdit.Replace(TextSpan.FromLength(start, 8), "flyte")) };
            }
        }
    }

    private sealed class RenameWorkflow : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T02", "workflow-decorator", "decorators", Safety.Review, "rename", "test", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            context.Module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == "workflow" && n.ParentField == "decorator_list")
                .Select(n => new Finding("T02", n.Span, "workflow → flow_task") { Fix = Fix.Review("decorate with flow_task", TextEdit.Replace(n.Span, "flow_task")) });
    }

    private sealed class TodoOnLaunchPlan : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T03", "launch-plan", "triggers", Safety.Manual, "todo", "test", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            context.Module.Root.Descendants().Where(n => n.Is("Call") && CallSyntax.From(n)!.FunctionName == "LaunchPlan.get_or_create")
                .Select(n => new Finding("T03", n.Span, "launch plan") { Todo = new ManualTodo("turn this launch plan into a trigger", "reference §9") });
    }
}
