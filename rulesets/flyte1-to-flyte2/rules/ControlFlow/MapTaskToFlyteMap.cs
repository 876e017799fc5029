using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY301: <c>map_task(t, concurrency=N)(x=xs)</c> → <c>list(flyte.map(t, xs, concurrency=N, return_exceptions=False))</c>.</summary>
public sealed class MapTaskToFlyteMap : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY301",
        "map-task-to-flyte-map",
        "control-flow",
        Safety.Review,
        "map_task(t, concurrency=N)(x=xs) → list(flyte.map(t, xs, concurrency=N, return_exceptions=False)); inputs in t's parameter order; min_success_ratio/min_successes keep return_exceptions=True with a TODO.",
        "flyte.map returns a generator and by default yields failed items as exceptions (return_exceptions=True); Flyte 1's map_task failed the node unless min_success_ratio < 1 (reference/flyte.md §8.1, gotcha 1).",
        "map_task(train_fold, concurrency=4)(fold=folds)  →  list(flyte.map(train_fold, folds, concurrency=4, return_exceptions=False))");

    private static readonly string[] MapTaskNames = ["flytekit.map_task", "flytekit.core.array_node_map_task.map_task"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        // The mapped call's callee is a call of map_task: it reads a name bound to it (or a package holding it).
        foreach (var node in PythonImports.MayResolveTo(bindings, MapTaskNames) ? FlytekitCalls.InStatementsMentioning(module, bindings, MapTaskNames) : [])
        {
            var outer = new CallSyntax(node);
            if (!Flytekit.Calls(outer.Function, bindings, MapTaskNames))
            {
                continue;
            }

            var mapper = new CallSyntax(outer.Function);
            if (mapper.Arguments.Count == 0)
            {
                continue;
            }

            var target = mapper.Arguments[0];
            var notes = new List<string>();
            var inputs = Inputs(context, outer, target, notes);
            var targetText = module.GetText(target);
            if (target.Is("Name") && LaunchPlanWorkflow(module, bindings, target.Scalar("id")!) is { } workflow)
            {
                // map over a launch plan → map over the migrated task it launched (reference/flyte.md §8.1).
                targetText = workflow;
            }

            var parts = new List<string> { targetText };
            parts.AddRange(inputs);
            var failFast = true;
            foreach (var keyword in mapper.Keywords)
            {
                var value = module.GetText(keyword.Value);
                switch (keyword.Name)
                {
                    case "concurrency":
                        parts.Add($"concurrency={value}");
                        break;
                    case "min_success_ratio" when value is "1" or "1.0":
                        break;
                    case "min_success_ratio" or "min_successes":
                        failFast = false;
                        notes.Add($"{keyword.Name}={value}: flyte.map yields failed items as exceptions here; count the non-exception results, raise when below the threshold, and replace exceptions with None to get Flyte 1's output (reference/flyte.md §8.1)");
                        break;
                    case "run_all_sub_nodes":
                        break;
                    default:
                        notes.Add($"map_task({keyword.Name}={value}) has no flyte.map equivalent (reference/flyte.md §8.1)");
                        break;
                }
            }

            parts.Add(failFast ? "return_exceptions=False" : "return_exceptions=True");

            var text = $"list(flyte.map({string.Join(", ", parts)}))";
            yield return new Finding(Descriptor.Id, node.Span, "map_task → flyte.map")
            {
                Fix = Fix.Review(failFast ? "flyte.map, failing fast like map_task" : "flyte.map with return_exceptions=True (partial success)", TextEdit.Replace(node.Span, text)),
                Todo = notes.Count == 0 ? null : new ManualTodo(string.Join("; ", notes), "reference/flyte.md §8.1"),
            };
        }
    }

    private static string? LaunchPlanWorkflow(PythonModule module, IReadOnlyList<Assistant.Core.Rules.Authoring.ImportBinding> bindings, string name)
    {
        foreach (var assign in module.Body.Select(AssignSyntax.From).Where(a => a is not null && a.TargetNames.Contains(name)))
        {
            if (CallSyntax.From(assign!.Value) is { } call && AttributeSyntax.From(call.Function) is { Attribute: "get_or_create" or "create" } method
                && Assistant.Core.Rules.Authoring.PythonImports.Resolve(method.Value, bindings) is "flytekit.LaunchPlan" or "flytekit.core.launch_plan.LaunchPlan")
            {
                var create = method.Attribute == "create";
                var workflow = call.Keyword("workflow")?.Value ?? call.Arguments.ElementAtOrDefault(create ? 1 : 0);
                return workflow?.DottedName();
            }
        }

        return null;
    }

    // The iterables in the task's parameter order (flyte.map zips them positionally).
    private static List<string> Inputs(RuleContext context, CallSyntax outer, SyntaxNode target, List<string> notes)
    {
        var module = context.Module;
        var inputs = outer.Arguments.Select(module.GetText).ToList();
        var keywords = outer.Keywords.Where(k => k.Name is not null).ToList();
        if (keywords.Count <= 1)
        {
            inputs.AddRange(keywords.Select(k => module.GetText(k.Value)));
            return inputs;
        }

        var function = target.Is("Call") ? new CallSyntax(target).Arguments.FirstOrDefault() : PartialTarget(module, outer.Node, target) ?? target;
        var parameters = function?.DottedName() is { } name ? Parameters(context, name) : null;
        if (parameters is null)
        {
            notes.Add($"check the order of the mapped inputs: flyte.map zips them positionally in {module.GetText(target)}'s parameter order");
            inputs.AddRange(keywords.Select(k => module.GetText(k.Value)));
            return inputs;
        }

        inputs.AddRange(keywords.OrderBy(k => parameters.IndexOf(k.Name!) is var i && i < 0 ? int.MaxValue : i).Select(k => module.GetText(k.Value)));
        return inputs;
    }

    // partial_task in map_task(partial_task)(...), when its scope assigns it once, from functools.partial(f, ...): f.
    private static SyntaxNode? PartialTarget(PythonModule module, SyntaxNode call, SyntaxNode target)
    {
        if (!target.Is("Name") || target.Scalar("id") is not { } variable)
        {
            return null;
        }

        var scope = call.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef") ?? call.Ancestors().Last();
        var stores = scope.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == variable && n.Scalar("ctx") != "Load").ToList();
        return stores is [{ Parent: { Kind: "Assign" } assign }] && assign.Children("targets") is [{ Kind: "Name" }]
            && CallSyntax.From(assign.Child("value")) is { } partial && IsFunctoolsPartial(module, partial.FunctionName)
            && partial.Arguments.FirstOrDefault() is { } function && !function.Is("Starred")
            ? function
            : null;
    }

    private static bool IsFunctoolsPartial(PythonModule module, string? name) =>
        name == "functools.partial" && module.Imports().Any(i => !i.IsFrom && i.Names.Any(n => n.Name == "functools" && n.Alias is null))
        || name is not null && module.Imports().Any(i => i.IsFrom && i.Module == "functools" && i.Names.Any(n => n.Name == "partial" && n.BoundName == name));

    private static List<string>? Parameters(RuleContext context, string name)
    {
        var local = context.Module.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f?.Name == name);
        if (local is not null)
        {
            return local.ParameterNames.ToList();
        }

        foreach (var import in context.Module.Imports().Where(i => i.IsFrom && i.Module is not null))
        {
            if (import.Names.FirstOrDefault(n => n.BoundName == name) is { } imported && context.Project.FindModule(import.Module!) is { } other)
            {
                return other.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f?.Name == imported.Name)?.ParameterNames.ToList();
            }
        }

        return null;
    }
}
