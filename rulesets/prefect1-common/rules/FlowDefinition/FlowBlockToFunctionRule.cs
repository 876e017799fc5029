using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.FlowDefinition;

/// <summary>
/// <c>with Flow("name", ...) as f:</c> (also project subclasses of Flow) → <c>@flow(name="name", ...)</c>
/// on <c>def f(params):</c>; <c>Parameter</c>s become the function's parameters (required first) and
/// module-level references to the flow variable follow the function's name. Other Flow keywords
/// (schedule, executor, run_config, storage, result, state_handlers) ride on the decorator for the
/// later steps to convert (reference §2.1, §2.2, §2.5).
/// </summary>
public abstract class FlowBlockToFunctionRule(string id) : PrefectRule(
    id, "with-flow-block", "flow-definition", Safety.Review,
    "`with Flow(...) as f:` → `@flow(name=...)` function with the Parameters as its parameters",
    "Prefect 2/3 flows are decorated functions run per call; the v1 block built a static graph once (reference/prefect.md §2.1, §2.2).",
    "with Flow(\"etl\") as f:\n    n = Parameter(\"n\", default=3)\n    load(n)\n→\n@flow(name=\"etl\")\ndef f(n=3):\n    load(n)")
{
    // Flow.__init__ keywords of v1; anything else came from a project subclass.
    private static readonly HashSet<string> FlowKeywords =
    [
        "name", "schedule", "executor", "run_config", "storage", "tasks", "edges", "reference_tasks", "state_handlers", "on_failure",
        "validate", "result", "terminal_state_handler", "environment",
    ];

    // Keywords this rule leaves on the decorator for later steps.
    private static readonly HashSet<string> Carried = ["schedule", "executor", "run_config", "storage", "state_handlers", "on_failure", "result"];

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var statement in module.Body.Where(s => s.Is("With")))
        {
            var with = new WithSyntax(statement);
            if (with.Items.Count != 1 || CallSyntax.From(with.Items[0].Context) is not { } call || !symbols.Is(call.Function, "prefect.Flow"))
            {
                continue;
            }

            yield return Convert(context, symbols, with, call);
        }

        foreach (var nested in ModuleIndex.Of(module).Nodes("With").Where(n => !SourceLines.IsModuleLevel(n)))
        {
            var with = new WithSyntax(nested);
            if (with.Items.Any(i => CallSyntax.From(i.Context) is { } c && symbols.Is(c.Function, "prefect.Flow")))
            {
                if (NestedRuns(module, with) is { } runs)
                {
                    var finding = Convert(context, symbols, with, CallSyntax.From(with.Items[0].Context)!);
                    var name = finding.Message[(finding.Message.IndexOf("function ", StringComparison.Ordinal) + 9)..finding.Message.IndexOf('(', finding.Message.IndexOf("function ", StringComparison.Ordinal))];
                    var edits = finding.Fix!.Edits.Concat(runs.Select(r => TextEdit.Replace(r.Call.Span, $"{name}({r.Arguments})"))).ToList();
                    yield return finding with { Fix = finding.Fix with { Edits = edits } };
                    continue;
                }

                var call = CallSyntax.From(with.Items[0].Context)!;
                var flowName = ConstantSyntax.StringValue(call.Arguments.FirstOrDefault() ?? call.Keyword("name")?.Value);
                var variable = with.Items[0].Target?.Is("Name") == true ? with.Items[0].Target!.Scalar("id") : null;
                var hoistedName = FlowFunctionName.ForBlock(module, variable, flowName);
                if (NestedFlowHoist.Edits(module, with, hoistedName) is { } hoist)
                {
                    var hoisted = $"the Flow built in {nested.Parent?.Scalar("name")}() moves to module level (as @flow {hoistedName}) with the settings it reads; the function runs it";
                    yield return new Finding(Id, nested.Span, hoisted) { Fix = new Fix(hoist, Safety.Review, hoisted) };
                    continue;
                }

                yield return new Finding(Id, nested.Span, "a Flow built inside a function")
                {
                    Todo = new ManualTodo("this `with Flow(...)` is built inside a function; move it to module level as an @flow function (the builder's arguments become flow parameters)", "reference/prefect.md §2.1"),
                };
            }
        }
    }

    private Finding Convert(RuleContext context, PrefectSymbols symbols, WithSyntax with, CallSyntax call)
    {
        var module = context.Module;
        var edits = new List<TextEdit>();
        var todos = new List<string>();
        var target = with.Items[0].Target;
        var variable = target?.Is("Name") == true ? target.Scalar("id") : null;
        var nameNode = call.Arguments.FirstOrDefault() ?? call.Keyword("name")?.Value;
        var flowName = ConstantSyntax.StringValue(nameNode);
        var functionName = FlowFunctionName.ForBlock(module, variable, flowName);

        // Decorator: `with Flow(` → `@flow(`, a positional name gets `name=`.
        var decorator = DecoratorName(module);
        edits.Add(TextEdit.Replace(new TextSpan(with.Node.Span.Start, call.Function.Span.End), "@" + decorator));
        if (call.Arguments.Count > 0 && nameNode is not null && ReferenceEquals(nameNode, call.Arguments[0]))
        {
            edits.Add(TextEdit.Insert(nameNode.Span.Start, "name="));
        }

        if (call.Arguments.Count > 1)
        {
            todos.Add($"Flow(...) had extra positional arguments ({string.Join(", ", call.Arguments.Skip(1).Select(module.GetText))}); pass them as keywords");
        }

        if (flowName is not null && Names.HasBannedCharacters(flowName))
        {
            todos.Add($"flow name \"{flowName}\" contains a character 2/3 reject (/ % & > <); rename it (deployments and schedules refer to it)");
        }

        // Keywords the decorator cannot take: subclass extras and v1-only options.
        var removed = new List<SyntaxNode>();
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null)
            {
                todos.Add($"Flow(**{module.GetText(keyword.Value)}) is spread into the decorator; check every key is an @flow option");
                continue;
            }

            if (keyword.Name == "name" || Carried.Contains(keyword.Name))
            {
                continue;
            }

            removed.Add(keyword.Node);
            todos.Add(keyword.Name switch
            {
                "environment" => $"Prefect 0.15 `environment={module.GetText(keyword.Value)}` was removed in 1.0; use a deployment's work pool and job variables",
                "reference_tasks" => $"reference_tasks={module.GetText(keyword.Value)}: in 2/3 the flow's state comes from its return value; return those tasks' results",
                "terminal_state_handler" => $"terminal_state_handler={module.GetText(keyword.Value)} has no equivalent; return a State from the flow body",
                "validate" => $"validate={module.GetText(keyword.Value)} has no equivalent (2/3 build no graph)",
                "tasks" or "edges" => $"{keyword.Name}={module.GetText(keyword.Value)}: call those tasks in the body in dependency order",
                _ => $"`{keyword.Name}={module.GetText(keyword.Value)}` is an option of the project's Flow subclass",
            });
        }

        if (removed.Count > 0)
        {
            edits.AddRange(CallEdits.RemoveMany(module, call, removed));
        }

        // A flow without an executor ran on v1's sequential LocalExecutor: it gets the target's sequential runner here,
        // where it is known to be a v1 flow (an executor set later, f.executor = …, replaces it in the deployment step).
        var needs = new List<ImportNeed>();
        if (call.Keyword("executor") is null)
        {
            edits.Add(CallEdits.AddKeyword(module, call, $"task_runner={TaskRunners.Sequential(context, needs)}", removed));
        }

        if (symbols.FlowSubclasses.TryGetValue(call.FunctionName ?? string.Empty, out var subclass) || symbols.LocalFlowSubclasses.Contains(call.FunctionName ?? string.Empty))
        {
            todos.Add($"{subclass ?? call.FunctionName} is a project subclass of Flow; re-create what it adds (state handlers → on_failure/on_completion hooks, extra attributes → tags or parameters)");
        }

        // Parameters.
        var parameters = new List<FlowParameter>();
        var body = with.Body;
        var deleted = new List<SyntaxNode>();
        foreach (var statement in body)
        {
            if (AssignSyntax.From(statement) is { } assign && statement.Is("Assign") && assign.Targets.Count == 1 && assign.Targets[0].Is("Name")
                && FlowParameters.IsParameterCall(symbols, assign.Value) && FlowParameters.Read(module, symbols, assign.Value!) is { } parameter)
            {
                parameters.Add(parameter);
                var local = assign.Targets[0].Scalar("id")!;
                if (local == parameter.Identifier)
                {
                    deleted.Add(statement);
                }
                else
                {
                    // The function parameter keeps the public name; the local variable is rebound to it.
                    edits.Add(TextEdit.Replace(assign.Value!.Span, parameter.Identifier));
                }

                continue;
            }

            if (statement.Is("Expr") && FlowParameters.IsParameterCall(symbols, statement.Child("value"))
                && FlowParameters.Read(module, symbols, statement.Child("value")!) is { } unused)
            {
                // Declared but unused: still a flow parameter (deployments may pass it).
                parameters.Add(unused);
                deleted.Add(statement);
                continue;
            }

            foreach (var inline in statement.DescendantsAndSelf().Where(n => FlowParameters.IsParameterCall(symbols, n)))
            {
                if (FlowParameters.Read(module, symbols, inline) is { } p)
                {
                    parameters.Add(p);
                    edits.Add(TextEdit.Replace(inline.Span, p.Identifier));
                }
                else
                {
                    todos.Add($"Parameter {module.GetText(inline)} has no literal name; add it to the function's parameters by hand");
                }
            }
        }

        // Parameters assigned at module level before the block and read only inside it, or added to the flow after it
        // (`f.add_task(p)`, v1's way to keep a Parameter no task reads): v1 added them to this flow, so they are its parameters.
        var registrations = new List<SyntaxNode>();
        if (with.Node.Parent?.Is("Module") == true)
        {
            var outside = new List<(SyntaxNode Statement, FlowParameter Parameter)>();
            foreach (var statement in module.Body.TakeWhile(s => !ReferenceEquals(s, with.Node)))
            {
                if (statement.Is("Assign") && statement.Children("targets") is [{ } assigned] && assigned.Is("Name")
                    && FlowParameters.IsParameterCall(symbols, statement.Child("value")) && FlowParameters.Read(module, symbols, statement.Child("value")!) is { } parameter
                    && parameter.Identifier == assigned.Scalar("id"))
                {
                    // A task's own parameter or local of that name is another variable.
                    var uses = (ModuleIndex.Of(module).NamesById.TryGetValue(parameter.Identifier, out var named) ? named : []).Where(u => !LocalNames.IsLocal(u, parameter.Identifier)).ToList();
                    var inBlock = uses.Where(u => with.Node.Span.Start <= u.Span.Start && u.Span.End <= with.Node.Span.End).ToList();
                    var added = variable is null ? [] : uses.Select(u => AddedAfter(module, with.Node, variable, u)).OfType<SyntaxNode>().ToList();
                    if (inBlock.Count + added.Count > 0 && inBlock.Count + added.Count == uses.Count - 1 && inBlock.All(u => u.Scalar("ctx") == "Load"))
                    {
                        outside.Add((statement, parameter));
                        registrations.AddRange(added);
                    }
                }
            }

            parameters.InsertRange(0, outside.Select(o => o.Parameter));
            edits.AddRange(SourceLines.DeleteStatements(module, outside.Select(o => o.Statement).Concat(registrations)));
        }

        if (FlowParameters.RenameTodo(parameters) is { } renameTodo)
        {
            todos.Add(renameTodo);
        }

        if (parameters.GroupBy(p => p.Identifier).Any(g => g.Count() > 1))
        {
            todos.Add("two Parameters map to the same function parameter; rename one");
        }

        var dateTimeName = "datetime";
        if (parameters.Any(p => p.IsDateTime))
        {
            dateTimeName = symbols.Module.Imports().Any(i => !i.IsFrom && i.Names.Any(n => n.Name == "datetime" && n.Alias is null)) ? "datetime.datetime" : "datetime";
            if (dateTimeName == "datetime")
            {
                needs.Add(ImportNeed.Of("datetime", "datetime"));
            }

            if (parameters.Any(p => p.IsDateTime && p.DefaultText == "None"))
            {
                needs.Add(ImportNeed.Of("typing", "Optional"));
            }
        }

        for (var i = 0; i < deleted.Count; i++)
        {
            var onlyStatements = deleted.Count == body.Count && i == deleted.Count - 1;
            edits.Add(onlyStatements ? TextEdit.Replace(deleted[i].Span, "pass") : SourceLines.DeleteStatement(module, deleted[i]));
        }

        // Header: `) as f:` → `)\ndef f(params):`
        var headerStart = call.Node.Span.End;
        var colon = module.Text.IndexOf(':', target?.Span.End ?? headerStart);
        var indent = SourceLines.IndentOf(module, with.Node.Span.Start);
        edits.Add(TextEdit.Replace(new TextSpan(headerStart, colon + 1),
            $"{module.NewLine}{indent}def {functionName}({FlowParameters.Signature(parameters, dateTimeName)}):"));

        // Module-level references to the flow variable follow the new function name; what still adds to the v1 graph goes.
        if (variable is not null)
        {
            edits.AddRange(RenameAfter(module, with.Node, variable, functionName, todos, registrations));
        }

        if (decorator == "flow")
        {
            needs.Add(ImportNeed.Of("prefect", "flow"));
        }
        else
        {
            needs.Add(ImportNeed.Module("prefect"));
        }

        var consumed = new List<TextSpan> { call.Function.Span };
        consumed.AddRange(parameters.Select(p => p.Call.Span));
        edits.AddRange(ImportEdits.Update(module, needs, consumed, symbols.FlowSubclasses.Keys.ToHashSet()));
        var message = $"Flow \"{flowName ?? module.GetText(nameNode ?? call.Node)}\" becomes the @flow function {functionName}({string.Join(", ", parameters.Select(p => p.Identifier))})";
        return new Finding(Id, with.Node.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count == 0 ? null : new ManualTodo(string.Join("; ", todos), "reference/prefect.md §2.1–2.2"),
        };
    }

    // A Flow built in a function body whose only other use is `f.run()` / `f.run(parameters={...})` right there:
    // it becomes a nested @flow function called in place. Flows with deployment settings (schedule, executor,
    // run_config, storage…) keep the TODO: those settings need a module-level flow.
    private static List<(SyntaxNode Call, string Arguments)>? NestedRuns(PythonModule module, WithSyntax with)
    {
        if (with.Items.Count != 1 || CallSyntax.From(with.Items[0].Context) is not { } call || call.Keywords.Any(k => k.Name != "name") || call.Arguments.Count > 1
            || with.Items[0].Target?.Is("Name") != true || with.Node.ParentField != "body" || with.Node.Parent?.Kind is not ("FunctionDef" or "AsyncFunctionDef"))
        {
            return null;
        }

        var variable = with.Items[0].Target!.Scalar("id");
        var declared = with.Node.Descendants().Where(n => n.Is("Call") && n.Child("func")?.DottedName()?.Split('.')[^1] == "Parameter")
            .Select(n => ConstantSyntax.StringValue(n.Children("args").FirstOrDefault() ?? new CallSyntax(n).Keyword("name")?.Value)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var runs = new List<(SyntaxNode, string)>();
        foreach (var statement in with.Node.Parent.Children("body").SkipWhile(s => !ReferenceEquals(s, with.Node)).Skip(1))
        {
            foreach (var use in statement.DescendantsAndSelf().Where(n => n.Is("Name") && n.Scalar("id") == variable))
            {
                if (use.Parent is not { } attribute || !attribute.Is("Attribute") || attribute.Scalar("attr") != "run" || attribute.Parent is not { } runCall
                    || !runCall.Is("Call") || CallSyntax.From(runCall) is not { } run || run.Arguments.Count > 0)
                {
                    return null;
                }

                var arguments = new List<string>();
                foreach (var keyword in run.Keywords)
                {
                    // v1 run(**kwargs) used a keyword named like a Parameter of the flow as that parameter's value.
                    if (keyword.Name is { } direct && direct != "parameters" && declared.Contains(direct))
                    {
                        arguments.Add($"{direct}={module.GetText(keyword.Value)}");
                        continue;
                    }

                    if (keyword.Name != "parameters" || !keyword.Value.Is("Dict"))
                    {
                        return null;
                    }

                    var keys = keyword.Value.Children("keys");
                    var values = keyword.Value.Children("values");
                    for (var i = 0; i < keys.Count; i++)
                    {
                        if (ConstantSyntax.StringValue(keys[i]) is not { } key || !Names.IsIdentifier(key))
                        {
                            return null;
                        }

                        arguments.Add($"{key}={module.GetText(values[i])}");
                    }
                }

                runs.Add((runCall, string.Join(", ", arguments)));
            }
        }

        return runs;
    }

    private static string DecoratorName(PythonModule module) =>
        ImportEdits.IsBoundOtherwise(module, ImportNeed.Of("prefect", "flow")) ? "prefect.flow" : "flow";


    // Flow methods that add to the v1 graph: a @flow function has none of them.
    private static readonly HashSet<string> s_graphMethods = new(StringComparer.Ordinal) { "add_task", "add_edge", "chain", "set_dependencies", "set_reference_tasks", "update", "replace" };

    // `f.add_task(p)`, a module-level statement after the block, when `use` is its p: the statement, else null.
    private static SyntaxNode? AddedAfter(PythonModule module, SyntaxNode block, string variable, SyntaxNode use) =>
        use.ParentField == "args" && use.Parent is { } call && CallSyntax.From(call) is { Arguments.Count: 1, Keywords.Count: 0 } added
        && added.Function.Is("Attribute") && added.Function.Scalar("attr") == "add_task" && added.Function.Child("value") is { Kind: "Name" } owner && owner.Scalar("id") == variable
        && call.Parent is { } statement && statement.Is("Expr") && statement.Parent?.Is("Module") == true && statement.Span.Start > block.Span.End
            ? statement
            : null;

    private static IEnumerable<TextEdit> RenameAfter(PythonModule module, SyntaxNode block, string variable, string functionName, List<string> todos, List<SyntaxNode> consumed)
    {
        var started = false;
        foreach (var statement in module.Body)
        {
            if (ReferenceEquals(statement, block))
            {
                started = true;
                continue;
            }

            if (!started)
            {
                continue;
            }

            // A new `with Flow(...) as <same name>` or assignment rebinds the name: stop there.
            if (FlowVariable.Rebinds(statement, variable))
            {
                yield break;
            }

            // A function that binds the name itself (`with Flow(...) as flow:` in another builder) keeps its own.
            if (statement.Kind is "FunctionDef" or "AsyncFunctionDef" && (new FunctionDefSyntax(statement).ParameterNames.Contains(variable)
                || statement.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == variable && n.Scalar("ctx") != "Load")))
            {
                continue;
            }

            if (consumed.Contains(statement))
            {
                continue;
            }

            // `f.add_task(t)`, `f.set_reference_tasks([t])` after the block: renamed, it would fail on import; it goes, and the TODO
            // quotes it and says what it did.
            if (statement.Is("Expr") && CallSyntax.From(statement.Child("value")) is { } call && call.Function.Is("Attribute")
                && call.Function.Child("value") is { } owner && owner.Is("Name") && owner.Scalar("id") == variable && call.Function.Scalar("attr") is { } method && s_graphMethods.Contains(method))
            {
                var text = SourceLines.FirstLine(module, statement);
                todos.Add(method == "set_reference_tasks"
                    ? $"removed `{text}`: 2/3 decide a flow's final state by its return value, so return those tasks' results from {functionName} (reference §2.5)"
                    : $"removed `{text}`: it added to the v1 flow after the block; make the same call inside {functionName}");
                yield return SourceLines.DeleteStatement(module, statement);
                continue;
            }

            foreach (var name in variable == functionName ? [] : FlowVariable.References(statement, variable))
            {
                yield return TextEdit.Replace(name.Span, functionName);
            }
        }
    }
}
