using System.Globalization;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Triggers;

/// <summary>FLY401: <c>LaunchPlan.get_or_create/create(wf, schedule=CronSchedule/FixedRate, …)</c> → a <c>flyte.Trigger</c> on the driver task.</summary>
public sealed class LaunchPlanToTrigger : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY401",
        "launch-plan-to-trigger",
        "triggers",
        Safety.Review,
        "A scheduled launch plan becomes `<lp> = flyte.Trigger(name, flyte.Cron(expr) | flyte.FixedRate(minutes), inputs={...}, auto_activate=False)` declared before the driver task and attached with triggers=; kickoff_time_input_arg → flyte.TriggerTime; its Email/Slack/PagerDuty notifications → notifications=(flyte.notify.Email(...),); a cutover TODO says when to activate it. A launch plan without a schedule (and no options besides inputs and notifications) becomes functools.partial(task, **its inputs): the callable it was, its notifications in a TODO for the launch code; other unscheduled ones get a TODO, as do launch plans created in a loop, a function or a comprehension, and ones called in place with inputs or options.",
        "Flyte 2 has no launch plans: schedules are triggers on a task, active by default, so they are generated inactive to avoid running the job twice next to the Flyte 1 launch plan (reference/flyte.md §9).",
        "LaunchPlan.get_or_create(workflow=wf, name=\"n\", schedule=CronSchedule(schedule=\"0 6 * * *\"))  →  lp = flyte.Trigger(name=\"n\", automation=flyte.Cron(\"0 6 * * *\"), auto_activate=False) + @env.task(triggers=lp)");

    private static readonly string[] LaunchPlanNames = ["flytekit.LaunchPlan", "flytekit.core.launch_plan.LaunchPlan"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var importsAdded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in LaunchPlansAsCalls(module, bindings))
        {
            yield return finding;
        }

        foreach (var statement in module.Body)
        {
            var value = statement.Kind is "Assign" or "Expr" ? statement.Child("value") : null;
            if (CallSyntax.From(value) is not { } call || AttributeSyntax.From(call.Function) is not { Attribute: "get_or_create" or "create" } method
                || PythonImports.Resolve(method.Value, bindings) is not ("flytekit.LaunchPlan" or "flytekit.core.launch_plan.LaunchPlan"))
            {
                continue;
            }

            var create = method.Attribute == "create";
            var keywords = call.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, k => k.Value, StringComparer.Ordinal);
            var workflow = keywords.GetValueOrDefault("workflow") ?? call.Arguments.ElementAtOrDefault(create ? 1 : 0);
            var nameNode = keywords.GetValueOrDefault("name") ?? (create ? call.Arguments.ElementAtOrDefault(0) : call.Arguments.ElementAtOrDefault(1));
            var schedule = keywords.GetValueOrDefault("schedule");
            var notes = new List<string>();
            var function = workflow?.Is("Name") == true ? module.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f?.Name == workflow.Scalar("id")) : null;
            var decorator = function is null ? null : FlyteEnvironments.TaskDecorator(function, FlyteEnvironments.Variables(module));
            if (schedule is null && Unscheduled(module, statement, call, workflow, keywords, importsAdded) is { } partial)
            {
                foreach (var finding in partial)
                {
                    yield return finding;
                }

                continue;
            }

            if (schedule is null || function is null || decorator is null)
            {
                var why = schedule is null
                    ? "a launch plan without a schedule has no equivalent in Flyte 2, so its default inputs are dropped: put them in the task signature or launch with flyte.with_runcontext(...).run(task, **inputs)"
                    : "the launched workflow is not a converted task of this module: add flyte.Trigger(...) to its @env.task(triggers=...) by hand";
                yield return new Finding(Descriptor.Id, statement.Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.3") };
                continue;
            }

            if (!handled.Add(function.Name))
            {
                // One launch plan per task and pass: the next one extends the same decorator.
                continue;
            }

            var automation = Automation(module, schedule, bindings, context.Tables, SourceText.PreferredQuote(module), notes, out var kickoff);
            if (automation is null)
            {
                var why = $"schedule={Flat(module.GetText(schedule))} could not be converted: write flyte.Cron(\"<5-field cron>\") or flyte.FixedRate(<minutes>) by hand";
                yield return new Finding(Descriptor.Id, statement.Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.3") };
                continue;
            }

            var lpName = nameNode is null ? SourceText.Literal(SourceText.PreferredQuote(module), function.Name) : module.GetText(nameNode);
            var parts = new List<string> { $"name={lpName}", $"automation={automation}" };
            var inputs = new List<string>();
            if (kickoff is not null)
            {
                inputs.Add($"{SourceText.Literal(SourceText.PreferredQuote(module), kickoff)}: flyte.TriggerTime");
            }

            foreach (var key in new[] { "default_inputs", "fixed_inputs" })
            {
                if (keywords.GetValueOrDefault(key) is { Kind: "Dict" } dict)
                {
                    inputs.AddRange(dict.Children("keys").Zip(dict.Children("values")).Select(p => $"{module.GetText(p.First)}: {module.GetText(p.Second)}"));
                    if (key == "fixed_inputs")
                    {
                        notes.Add("fixed_inputs became trigger inputs, which callers can override (Flyte 2 has no fixed inputs)");
                    }
                }
                else if (keywords.GetValueOrDefault(key) is { } other)
                {
                    inputs.Add($"**{module.GetText(other)}");
                }
            }

            if (inputs.Count > 0)
            {
                parts.Add($"inputs={{{string.Join(", ", inputs)}}}");
            }

            var notified = false;
            foreach (var (key, node) in keywords)
            {
                var text = Flat(module.GetText(node));
                switch (key)
                {
                    case "workflow" or "name" or "schedule" or "default_inputs" or "fixed_inputs" or "auto_activate":
                        break;
                    case "labels" or "annotations":
                        parts.Add($"{key}={(CallSyntax.From(node) is { Arguments.Count: 1 } wrapper ? module.GetText(wrapper.Arguments[0]) : module.GetText(node))}");
                        break;
                    case "overwrite_cache":
                        parts.Add($"overwrite_cache={module.GetText(node)}");
                        break;
                    case "max_parallelism":
                        parts.Add($"max_action_concurrency={module.GetText(node)}");
                        notes.Add("max_parallelism became max_action_concurrency (closest; must be 0 or >= 2)");
                        break;
                    case "notifications" when NotificationsText.Convert(module, node, bindings) is { } converted:
                        parts.Add($"notifications={converted}");
                        notified = true;
                        break;
                    case "notifications":
                        notes.Add($"notifications={text} were not converted: add notifications=(flyte.notify.Email(on_phase=..., recipients=(...)),) to the trigger (reference/flyte.md §9.4)");
                        break;
                    default:
                        notes.Add($"{key}={text} has no flyte.Trigger equivalent (reference/flyte.md §9.3)");
                        break;
                }
            }

            var active = !context.Options.SchedulesInactive;
            parts.Add($"auto_activate={(active ? "True" : "False")}");
            var variable = statement.Is("Assign") && statement.Children("targets") is [{ Kind: "Name" } target]
                ? target.Scalar("id")!
                : Flytekit.Slug(ConstantSyntax.StringValue(nameNode) ?? function.Name) + "_trigger";
            var unit = SourceText.IndentUnit(module);
            var nl = module.NewLine;
            var declaration = $"{variable} = flyte.Trigger({nl}{string.Join(nl, parts.Select(p => $"{unit}{p},"))}{nl})";
            var declareAt = ListItems.WithCommentsAbove(module, module.Lines.LineSpan(module.Lines.LineOf(function.Decorators[0].Span.Start))).Start;
            var cutover = CutoverMarker(module, function, decorator, variable, Flat(lpName), active, declareAt);
            var edits = new List<TextEdit>
            {
                PythonImports.RemoveStatement(module, statement),
                TextEdit.Insert(declareAt, cutover + declaration + nl + nl + nl),
            };
            edits.Add(AddTrigger(module, decorator, variable));
            if (notified)
            {
                // Both imports land at the same place: one insertion holding both.
                var imports = NotificationsText.Imports.Where(importsAdded.Add).Select(name => PythonImports.AddImport(module, name, "flytekit")).OfType<TextEdit>().ToList();
                if (imports.Count > 0)
                {
                    edits.Add(TextEdit.Insert(imports[0].Span.Start, string.Concat(imports.Select(i => i.NewText))));
                }
            }
            if (SourceText.WholeLines(module, statement.Span) is { } lines && lines.Start >= 2 && module.Text[(lines.Start - 1)..lines.Start] == "\n")
            {
                // Drop the blank lines that separated the launch plan from the code above.
                var start = lines.Start;
                while (start > 0 && module.Lines.LineOf(start - 1) is var l && module.GetText(module.Lines.LineSpan(l)).Trim().Length == 0)
                {
                    start = module.Lines.LineStart(l);
                }

                edits[0] = TextEdit.Delete(new TextSpan(start, lines.End));
            }

            yield return new Finding(Descriptor.Id, statement.Span, $"launch plan {Flat(lpName)} → flyte.Trigger on {function.Name}")
            {
                Fix = new Fix(edits, Safety.Review, "schedule as an inactive flyte.Trigger on the driver task"),
            };
            if (notes.Count > 0)
            {
                var todo = string.Join("; ", notes);
                yield return new Finding(Descriptor.Id, function.Decorators[0].Span, todo) { Todo = new ManualTodo(todo, "reference/flyte.md §9.3") };
            }
        }

        foreach (var finding in CutoverTodos(context))
        {
            yield return finding;
        }
    }

    // lp = LaunchPlan.get_or_create(wf, "n", default_inputs={...}) with nothing else: Flyte 2 has no launch plan object, and the
    // closest form is a functools.partial of the task — calling lp() or lp(x=...) runs the task with those defaults, as the
    // launch plan did (the name only existed for remote launches, where Flyte 2 names tasks env.func anyway).
    private List<Finding>? Unscheduled(PythonModule module, SyntaxNode statement, CallSyntax call, SyntaxNode? workflow, Dictionary<string, SyntaxNode> keywords, HashSet<string> importsAdded)
    {
        if (!statement.Is("Assign") || statement.Children("targets") is not [{ Kind: "Name" } target] || workflow?.Is("Name") != true
            || keywords.Keys.Any(k => k is not ("workflow" or "name" or "default_inputs" or "fixed_inputs" or "notifications")) || call.Arguments.Any(a => a.Is("Starred"))
            || call.Arguments.Count > 2)
        {
            return null;
        }

        var inputs = new List<string>();
        foreach (var key in new[] { "default_inputs", "fixed_inputs" })
        {
            if (keywords.GetValueOrDefault(key) is not { } value)
            {
                continue;
            }

            if (value.Is("Dict") && value.Children("keys").All(k => ConstantSyntax.StringValue(k) is { } name && IsIdentifier(name)))
            {
                inputs.AddRange(value.Children("keys").Zip(value.Children("values")).Select(p => $"{ConstantSyntax.StringValue(p.First)}={module.GetText(p.Second)}"));
            }
            else
            {
                inputs.Add($"**{module.GetText(value)}");
            }
        }

        var text = inputs.Count == 0 ? module.GetText(workflow) : $"functools.partial({module.GetText(workflow)}, {string.Join(", ", inputs)})";
        var assigned = statement.Child("value")!;
        var edits = new List<TextEdit> { TextEdit.Replace(assigned.Span, text) };
        // One finding per pass adds the import (two identical inserts would both apply).
        if (inputs.Count > 0 && importsAdded.Add("functools") && PythonImports.AddImport(module, "functools", "flytekit") is { } import)
        {
            edits.Add(import);
        }

        var findings = new List<Finding>
        {
            new(Descriptor.Id, statement.Span, $"launch plan {target.Scalar("id")} without schedule → the task with its default inputs bound")
            {
                Fix = new Fix(edits, Safety.Review, "a launch plan without schedule is its task called with the launch plan's inputs"),
            },
        };
        if (keywords.TryGetValue("notifications", out var notifications))
        {
            // Flyte 2 attaches notifications to a trigger or to one run, never to a callable: they move to the launch code.
            var why = $"notifications={Flat(module.GetText(notifications))} of launch plan {target.Scalar("id")} were not converted: Flyte 2 notifies per run, so launch it with flyte.with_runcontext(notifications=(flyte.notify.Email(on_phase=ActionPhase..., recipients=(...)),)).run(...) (Slack/PagerDuty by email: flyte.notify.Email to the same addresses) (reference/flyte.md §9.4)";
            findings.Add(new Finding(Descriptor.Id, statement.Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.4") });
        }

        if (keywords.ContainsKey("fixed_inputs"))
        {
            var why = $"fixed_inputs={Flat(module.GetText(keywords["fixed_inputs"]))} became bound arguments, which callers of {target.Scalar("id")} can override (Flyte 2 has no fixed inputs): check no caller passes them";
            findings.Add(new Finding(Descriptor.Id, statement.Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.3") });
        }

        return findings;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && name.All(char.IsAscii);

    // Once the trigger exists: the cutover TODO above its declaration.
    // LaunchPlan.get_default_launch_plan(ctx, wf) is wf; LaunchPlan.get_or_create(wf, "name")(...) — a plain launch plan
    // (no schedule, inputs or options) called in place — runs wf with its own defaults, which calling the task does.
    private IEnumerable<Finding> LaunchPlansAsCalls(PythonModule module, IReadOnlyList<ImportBinding> bindings)
    {
        if (!PythonImports.MayResolveTo(bindings, LaunchPlanNames))
        {
            yield break;
        }

        foreach (var node in FlytekitCalls.InStatementsMentioning(module, bindings, LaunchPlanNames))
        {
            var call = new CallSyntax(node);
            if (AttributeSyntax.From(call.Function) is not { } method
                || PythonImports.Resolve(method.Value, bindings) is not ("flytekit.LaunchPlan" or "flytekit.core.launch_plan.LaunchPlan"))
            {
                continue;
            }

            if (method.Attribute == "get_default_launch_plan" && call.Keywords.Count == 0 && call.Arguments.Count == 2)
            {
                yield return new Finding(Descriptor.Id, node.Span, "the default launch plan of a workflow is its task")
                {
                    Fix = Fix.Review("use the task itself", TextEdit.Replace(node.Span, module.GetText(call.Arguments[1]))),
                };
                continue;
            }

            if (method.Attribute is not ("get_or_create" or "create"))
            {
                continue;
            }

            var create = method.Attribute == "create";
            var keywords = call.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, k => k.Value, StringComparer.Ordinal);
            var workflow = keywords.GetValueOrDefault("workflow") ?? call.Arguments.ElementAtOrDefault(create ? 1 : 0);
            var calledInPlace = node.Parent is { Kind: "Call" } outer && ReferenceEquals(outer.Child("func"), node);
            if (!calledInPlace)
            {
                if (Unconverted(module, node, workflow) is { } nested)
                {
                    yield return nested;
                }

                continue;
            }

            var plain = call.Keywords.All(k => k.Name is "workflow" or "name") && call.Arguments.Count <= 2;
            if (workflow is null || !plain)
            {
                var why = $"a launch plan {(workflow is null ? string.Empty : $"of {Flat(module.GetText(workflow))} ")}with inputs, a schedule or options, called in place: Flyte 2 has no launch plans: call the task with the launch plan's inputs and the call's own arguments (reference/flyte.md §9.3)";
                yield return new Finding(Descriptor.Id, EnclosingStatement.Of(node).Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.3") };
                continue;
            }

            yield return new Finding(Descriptor.Id, node.Span, "a launch plan without schedule or inputs called in place is a call of its task")
            {
                Fix = Fix.Review("call the task", TextEdit.Replace(node.Span, module.GetText(workflow))),
            };
        }
    }

    // A launch plan created where the module-level conversion does not look (in a loop, a function, a comprehension, an
    // expression): a TODO on its statement, never left without one.
    private Finding? Unconverted(PythonModule module, SyntaxNode node, SyntaxNode? workflow)
    {
        var statement = EnclosingStatement.Of(node);
        if (statement.Parent?.Kind == "Module" && statement.Kind is "Assign" or "Expr" && ReferenceEquals(statement.Child("value"), node))
        {
            return null; // the module-level launch plans: Analyze converts them
        }

        var where = node.Ancestors().FirstOrDefault(a => a.Kind is "For" or "AsyncFor" or "While" or "FunctionDef" or "AsyncFunctionDef" or "ListComp" or "SetComp" or "DictComp" or "GeneratorExp") switch
        {
            { Kind: "For" or "AsyncFor" or "While" } => "in a loop",
            { Kind: "FunctionDef" or "AsyncFunctionDef" } function => $"in {function.Scalar("name")}()",
            { } => "in a comprehension",
            null => "inside an expression",
        };
        var task = workflow is null ? "its task" : $"the task of {Flat(module.GetText(workflow))}";
        var why = $"a launch plan created {where}: Flyte 2 has no launch plans: declare one flyte.Trigger(name=..., automation=flyte.Cron(...) or flyte.FixedRate(...), inputs={{...}}, auto_activate=False) per scheduled launch plan before {task} and attach them with triggers=(...); one without a schedule is the task called with its inputs (reference/flyte.md §9.3)";
        return new Finding(Descriptor.Id, statement.Span, why) { Todo = new ManualTodo(why, "reference/flyte.md §9.3") };
    }

    // The cutover TODO of a trigger this pass declares, written above the declaration by the fix: what CutoverTodos says of it
    // on the next pass (the same text, the same place), so that pass finds nothing left to do. Empty when that pass could
    // tell it differently (another task's triggers already name the variable, the environment variable is the trigger's own
    // name), so it still says it then.
    private string CutoverMarker(PythonModule module, FunctionDefSyntax function, SyntaxNode decorator, string variable, string name, bool active, int declareAt)
    {
        if (!Flytekit.IsImportedBy(module)
            || TaskTriggeredBy(module, id => id == variable) is not null
            || AttributeSyntax.From(decorator.Is("Call") ? decorator.Child("func") : decorator)?.Value.DottedName() == variable)
        {
            return string.Empty;
        }

        var taskName = EnvironmentName(module, decorator) is { } env ? $"{env}.{function.Name}" : function.Name;
        return CreatedStatementTodo.Above(module, declareAt, Descriptor.Id, CutoverText(name, active, taskName)) ?? string.Empty;
    }

    private static string CutoverText(string name, bool active, string taskName) => active
        ? $"cutover: this trigger activates on flyte deploy; deactivate the Flyte 1 launch plan {name} first so the job does not run twice"
        : $"cutover: generated inactive (auto_activate=False) so it does not run next to the Flyte 1 launch plan {name}; after validating, deactivate that launch plan and run: flyte update trigger {name.Trim('"', '\'')} {taskName} --activate";

    // The first module-level function with a decorator whose triggers= names a variable isTrigger accepts.
    private static FunctionDefSyntax? TaskTriggeredBy(PythonModule module, Func<string, bool> isTrigger) =>
        module.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f is not null && f.Decorators.Any(d => d.Is("Call") && new CallSyntax(d).Keyword("triggers") is { } t
            && Flytekit.SubtreeNodes(t.Value).Any(n => n.Is("Name") && isTrigger(n.Scalar("id")!))));

    private IEnumerable<Finding> CutoverTodos(RuleContext context)
    {
        var module = context.Module;
        if (!Flytekit.IsImportedBy(module))
        {
            yield break;
        }

        foreach (var statement in module.Body)
        {
            if (AssignSyntax.From(statement) is not { } assign || !DottedNames.IsCallOf(assign.Value, "flyte.Trigger") || CallSyntax.From(assign.Value) is not { } call)
            {
                continue;
            }

            var name = Flat(call.Keyword("name") is { } n ? module.GetText(n.Value) : "?");
            var active = call.Keyword("auto_activate") is { } a && module.GetText(a.Value) == "True";
            // The target's name is read once, when first compared (as before: only a Name under some triggers= asks for it).
            string? target = null;
            var task = TaskTriggeredBy(module, id => id == (target ??= Flytekit.TargetNames(assign)[0]));
            var decorator = task is null ? null : FlyteEnvironments.TaskDecorator(task, FlyteEnvironments.Variables(module));
            var taskName = task is null ? "TASK" : (decorator is null ? null : EnvironmentName(module, decorator)) is { } env ? $"{env}.{task.Name}" : task.Name;
            var text = CutoverText(name, active, taskName);
            yield return new Finding(Descriptor.Id, statement.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §9.3") };
        }
    }

    private static string? EnvironmentName(PythonModule module, SyntaxNode decorator)
    {
        var variable = AttributeSyntax.From(decorator.Is("Call") ? decorator.Child("func") : decorator)?.Value.DottedName();
        foreach (var assign in module.Body.Select(AssignSyntax.From))
        {
            if (assign is not null && Flytekit.TargetNames(assign).Contains(variable ?? string.Empty) && CallSyntax.From(assign.Value) is { } call)
            {
                return ConstantSyntax.StringValue(call.Keyword("name")?.Value ?? call.Arguments.FirstOrDefault());
            }
        }

        return null;
    }

    private static TextEdit AddTrigger(PythonModule module, SyntaxNode decorator, string variable)
    {
        if (CallSyntax.From(decorator) is { } call)
        {
            if (call.Keyword("triggers") is { } existing)
            {
                var items = existing.Value.Is("Tuple") ? existing.Value.Children("elts").Select(module.GetText).ToList() : [module.GetText(existing.Value)];
                items.Add(variable);
                return TextEdit.Replace(existing.Value.Span, $"({string.Join(", ", items)})");
            }

            return CallArguments.Append(module, call, $"triggers={variable}");
        }

        return TextEdit.Insert(decorator.Span.End, $"(triggers={variable})");
    }

    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? Automation(PythonModule module, SyntaxNode schedule, IReadOnlyList<ImportBinding> bindings, RulesetTables tables, char quote, List<string> notes, out string? kickoff)
    {
        kickoff = null;
        if (CallSyntax.From(schedule) is not { } call)
        {
            return null;
        }

        kickoff = ConstantSyntax.StringValue(call.Keyword("kickoff_time_input_arg")?.Value);
        if (Flytekit.Calls(schedule, bindings, "flytekit.CronSchedule", "flytekit.core.schedule.CronSchedule"))
        {
            var expression = ConstantSyntax.StringValue(call.Keyword("schedule")?.Value ?? call.Arguments.ElementAtOrDefault(1));
            var aws = ConstantSyntax.StringValue(call.Keyword("cron_expression")?.Value ?? call.Arguments.ElementAtOrDefault(0));
            if (expression is null && aws is not null)
            {
                var fields = aws.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length != 6)
                {
                    return null;
                }

                expression = string.Join(' ', fields.Take(5).Select(f => f == "?" ? "*" : f));
            }

            if (expression is null)
            {
                return null;
            }

            if (tables["cron-aliases"].Lookup("old", expression.Trim(), "cron") is { } expanded)
            {
                expression = expanded;
            }

            if (call.Keyword("offset") is { } offset)
            {
                notes.Add($"CronSchedule(offset={Flat(module.GetText(offset.Value))}) has no Flyte 2 equivalent: shift the cron expression or compute the offset in the task");
            }

            return $"flyte.Cron({SourceText.Literal(quote, expression)})";
        }

        if (Flytekit.Calls(schedule, bindings, "flytekit.FixedRate", "flytekit.core.schedule.FixedRate"))
        {
            var duration = call.Keyword("duration")?.Value ?? call.Arguments.FirstOrDefault();
            return Minutes(duration) is { } minutes ? $"flyte.FixedRate({minutes.ToString(CultureInfo.InvariantCulture)})" : null;
        }

        return null;
    }

    // timedelta(days=, hours=, minutes=, seconds=, weeks=) of literals → whole minutes, or null.
    private static long? Minutes(SyntaxNode? node)
    {
        if (CallSyntax.From(node) is not { } call || call.FunctionName is not ("timedelta" or "datetime.timedelta"))
        {
            return null;
        }

        var factors = new Dictionary<string, double> { ["weeks"] = 7 * 24 * 60, ["days"] = 24 * 60, ["hours"] = 60, ["minutes"] = 1, ["seconds"] = 1.0 / 60 };
        string[] positional = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
        double total = 0;
        var values = call.Arguments.Select((a, i) => (positional[i], a)).Concat(call.Keywords.Select(k => (k.Name ?? string.Empty, k.Value)));
        foreach (var (name, value) in values)
        {
            if (!factors.TryGetValue(name, out var factor) || ConstantSyntax.From(value)?.Value is not { } text || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            total += number * factor;
        }

        return total > 0 && Math.Abs(total - Math.Round(total)) < 1e-9 ? (long)Math.Round(total) : null;
    }
}
