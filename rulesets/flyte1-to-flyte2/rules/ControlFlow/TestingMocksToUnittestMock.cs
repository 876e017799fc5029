using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>
/// FLY307: <c>with task_mock(t) as m:</c> and <c>@patch(t)</c> (flytekit.testing) → <c>unittest.mock.patch("pkg.mod.t")</c>, where
/// that is faithful: <c>t</c> is a Flyte 2 task (<c>@env.task</c>) of a project module whose drivers call it by that module-level
/// name, plainly (no <c>.aio</c>, not passed to <c>flyte.map</c>), and no other module imports it. Anything else keeps FLY590's TODO.
/// </summary>
public sealed class TestingMocksToUnittestMock : IRule
{
    private const string TaskMock = "flytekit.testing.task_mock";
    private const string Patch = "flytekit.testing.patch";

    public RuleDescriptor Descriptor { get; } = new(
        "FLY307",
        "testing-mocks-to-unittest-mock",
        "control-flow",
        Safety.Review,
        "Rewrites flytekit.testing's task_mock(t) and @patch(t) into unittest.mock.patch of the task's module-level name, when the workflows that call it look it up there; other uses keep FLY590's TODO.",
        "Outside a run, Flyte 2 tasks are plain callables that drivers look up by their module-level name, so patching that name replaces the task for the drivers as task_mock did (reference/flyte.md §18).",
        "with task_mock(t1) as m:  →  with unittest.mock.patch(__name__ + \".t1\") as m:");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var edits = new List<TextEdit>();
        var converted = new List<string>();
        SyntaxNode? first = null;
        foreach (var node in PythonImports.MayResolveTo(bindings, TaskMock, Patch) ? module.Root.Descendants().Where(n => n.Is("Call")) : [])
        {
            var call = new CallSyntax(node);
            var kind = PythonImports.Resolve(call.Function, bindings);
            if (kind is not (TaskMock or Patch) || call.Arguments.Count != 1 || call.Keywords.Count != 0 || call.Arguments[0] is not { Kind: "Name" } argument)
            {
                continue;
            }

            var placed = kind == TaskMock ? node.ParentField == "context_expr" : PatchesEveryParameter(node, bindings);
            if (!placed || Target(context, argument.Scalar("id")!) is not { } target)
            {
                continue;
            }

            first ??= node;
            edits.Add(TextEdit.Replace(call.Function.Span, "unittest.mock.patch"));
            edits.Add(TextEdit.Replace(argument.Span, target));
            converted.Add($"{(kind == TaskMock ? "task_mock" : "patch")}({argument.Scalar("id")})");
        }

        if (first is null)
        {
            yield break;
        }

        // One finding per module: the import is added once.
        if (PythonImports.AddImport(module, "unittest.mock") is { } import)
        {
            edits.Insert(0, import);
        }

        yield return new Finding(Descriptor.Id, first.Span, $"{string.Join(", ", converted)} → unittest.mock.patch of the task's module-level name")
        {
            Fix = new Fix(edits, Safety.Review, "patch the task's module-level name, which the Flyte 2 drivers call, with a MagicMock as flytekit.testing did"),
        };
    }

    // @patch(t) passes the mock as the first argument, unittest.mock.patch as the last: the same when every parameter is a mock.
    private static bool PatchesEveryParameter(SyntaxNode call, IReadOnlyList<ImportBinding> bindings)
    {
        if (call.ParentField != "decorator_list" || FunctionDefSyntax.From(call.Parent) is not { } function)
        {
            return false;
        }

        var parameters = function.Parameters;
        var plain = parameters.Children("args");
        return function.Decorators.All(d => d.Is("Call") && PythonImports.Resolve(d.Child("func"), bindings) == Patch)
            && plain.Count == function.Decorators.Count
            && parameters.Children("posonlyargs").Count == 0 && parameters.Children("kwonlyargs").Count == 0
            && parameters.Child("vararg") is null && parameters.Child("kwarg") is null;
    }

    // The string naming the task in the module whose drivers call it: __name__ + ".t" here, "pkg.mod.t" when imported.
    private static string? Target(RuleContext context, string localName)
    {
        var module = context.Module;
        var quote = SourceText.PreferredQuote(module);
        if (IsEnvironmentTask(module, localName))
        {
            return Faithful(context, module, localName) ? $"__name__ + {SourceText.Literal(quote, "." + localName)}" : null;
        }

        foreach (var statement in module.Body.Where(s => s.Is("ImportFrom")))
        {
            var import = new ImportSyntax(statement);
            if (import.Names.FirstOrDefault(n => n.BoundName == localName) is not { } imported
                || PythonImports.AbsoluteModule(module.Path, import) is not { } dotted
                || context.Project.FindModule(dotted) is not { } defining || defining.Path == module.Path)
            {
                continue;
            }

            // The test's own binding is not patched: it may only name the task for the mocks.
            var bindings = Flytekit.Bindings(module);
            var otherUses = module.Root.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == localName && n.Scalar("ctx") == "Load"
                && !n.Ancestors().Any(a => a.Is("Call") && PythonImports.Resolve(a.Child("func"), bindings) is TaskMock or Patch));
            return !otherUses && IsEnvironmentTask(defining, imported.Name) && Faithful(context, defining, imported.Name)
                ? SourceText.Literal(quote, $"{dotted}.{imported.Name}")
                : null;
        }

        return null;
    }

    // A module-level def decorated with <env>.task / <env>.task(...) for a flyte.TaskEnvironment of that module.
    private static bool IsEnvironmentTask(PythonModule module, string name) =>
        module.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f?.Name == name) is { } function
        && function.Decorators.Any(d => (d.Is("Call") ? d.Child("func") : d) is { Kind: "Attribute" } attribute && attribute.Scalar("attr") == "task"
            && attribute.Child("value") is { Kind: "Name" } environment && IsEnvironment(module, environment.Scalar("id")!));

    private static bool IsEnvironment(PythonModule module, string variable) =>
        module.Body.Select(AssignSyntax.From).Any(a => a is not null && a.TargetNames.Contains(variable)
            && (DottedNames.IsCallOf(a.Value, "flyte.TaskEnvironment") || DottedNames.IsCallOf(a.Value, "TaskEnvironment")));

    // In the defining module the task is only ever called by name (a MagicMock stands in for a plain call, not for .aio,
    // flyte.map or partial), and no other module of the project imports it (its drivers would keep the real task).
    private static bool Faithful(RuleContext context, PythonModule defining, string name)
    {
        var bindings = Flytekit.Bindings(defining);
        var callsOnly = defining.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == name && n.Scalar("ctx") == "Load")
            .Where(n => !n.Ancestors().Any(a => a.Is("Call") && PythonImports.Resolve(a.Child("func"), bindings) is TaskMock or Patch))
            .All(n => n.ParentField == "func" && n.Parent!.Is("Call"));
        var dotted = ProjectModel.ModuleName(defining.Path);
        var importedElsewhere = context.Project.Modules.Where(m => m.Path != defining.Path && m.Path != context.Module.Path).Any(m => m.Body.Where(s => s.Is("ImportFrom"))
            .Any(s => new ImportSyntax(s) is var import && PythonImports.AbsoluteModule(m.Path, import) == dotted && import.Names.Any(n => n.Name == name)));
        return callsOnly && !importedElsewhere;
    }
}
