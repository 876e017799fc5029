using System.Text;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Deployment;

/// <summary>
/// A flow's schedule, run config, storage and registration (decorator keywords carried from
/// <c>Flow(...)</c>, or module-level <c>f.schedule = …</c>, <c>f.run_config = …</c>, <c>f.storage = …</c>,
/// <c>f.register(...)</c>) → <c>deployments/&lt;flow&gt;.prefect.yaml</c> (deploy with
/// <c>prefect deploy --prefect-file …</c>): schedules (inactive until cutover unless configured),
/// per-clock parameters (3.x) or one deployment per parameter set (2.x), work pool type and job
/// variables, pull steps. A scheduled <c>f.run()</c> becomes <c>f.serve(...)</c> (reference §12–§15).
/// </summary>
public abstract class DeploymentFileRule(string id) : PrefectRule(
    id, "flow-deployment-settings", "deployment", Safety.Review,
    "schedule / run_config / storage / register → deployments/<flow>.prefect.yaml (paused until cutover)",
    "In 2/3 schedules, infrastructure and code location belong to a deployment, not to the flow (reference/prefect.md §12–§15).",
    "flow.schedule = CronSchedule(\"0 2 * * *\")\n→\ndeployments/inventory-sync.prefect.yaml: schedules: [{cron: \"0 2 * * *\", active: false}]")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var flow in FlowFunction.In(module))
        {
            var call = flow.DecoratorCall;
            var keywords = FlowFunction.DeploymentSettings.Select(s => call?.Keyword(s)).Where(k => k is not null).Select(k => k!).ToList();
            var statements = flow.ModuleStatements(module).ToList();
            var assignments = statements.Where(s => s.Is("Assign") && FlowFunction.DeploymentSettings.Contains(FlowFunction.Attribute(s))).ToList();
            var registers = statements.Where(s => s.Is("Expr") && FlowFunction.Attribute(s) == "register").ToList();
            if (keywords.Count == 0 && assignments.Count == 0 && registers.Count == 0)
            {
                continue;
            }

            // `schedule=None` (and the like) set nothing: the keywords go, no deployment file is needed for them.
            if (assignments.Count == 0 && registers.Count == 0 && keywords.All(k => ConstantSyntax.From(k.Value)?.ValueType == "none"))
            {
                var unset = $"remove {string.Join(", ", keywords.Select(k => module.GetText(k.Node)))} (no setting)";
                yield return new Finding(Id, flow.Decorator.Span, unset) { Fix = new Fix(CallEdits.RemoveMany(module, call!, keywords.Select(k => k.Node).ToList()), Safety.Safe, unset) };
                continue;
            }

            var named = new List<SyntaxNode>();
            SyntaxNode? Setting(string name)
            {
                var value = keywords.FirstOrDefault(k => k.Name == name)?.Value ?? assignments.LastOrDefault(a => FlowFunction.Attribute(a) == name)?.Child("value");
                if (ModuleNames.SingleUseDefinition(module, value) is { } definition)
                {
                    named.Add(definition);
                    return definition.Child("value");
                }

                return value;
            }

            var plan = new DeploymentPlan(context, symbols, flow.Name, flow.FlowName)
            {
                InactiveInV1 = registers.Any(r => ConstantSyntax.From(CallSyntax.From(r.Child("value"))!.Keyword("set_schedule_active")?.Value)?.Value == "False"),
            };
            var schedule = Setting("schedule");
            ReadSchedule(context, symbols, plan, schedule);
            plan.RunConfig(Setting("run_config"));
            plan.Storage(Setting("storage"));
            foreach (var register in registers)
            {
                plan.Register(CallSyntax.From(register.Child("value"))!);
            }

            var edits = new List<TextEdit>();
            if (keywords.Count > 0)
            {
                edits.AddRange(CallEdits.RemoveMany(module, call!, keywords.Select(k => k.Node).ToList()));
            }

            foreach (var statement in assignments.Concat(registers).Concat(named))
            {
                edits.Add(statement.Parent?.Is("Module") == true ? TextEdit.Delete(SourceLines.WholeLinesWithBlankAbove(module, statement)) : SourceLines.DeleteStatement(module, statement));
            }

            // A `if __name__ == "__main__":` left without statements would not parse: it goes as a whole.
            foreach (var guard in module.Body.Where(s => s.Is("If") && FlowFunction.IsMainGuard(s) && s.Children("orelse").Count == 0))
            {
                var body = guard.Children("body");
                if (body.All(b => registers.Contains(b) || assignments.Contains(b)))
                {
                    edits.RemoveAll(e => body.Any(b => e.Span.Start <= b.Span.Start && b.Span.End <= e.Span.End || b.Span.Start <= e.Span.Start && e.Span.End <= b.Span.End + 1));
                    var span = SourceLines.WholeLines(module, guard);
                    var start = span.Start;
                    var blank = module.NewLine + module.NewLine;

                    // At the end of the file the blank lines that separated the guard go with it.
                    while (span.End >= module.Text.Length && start >= blank.Length && module.Text.AsSpan(start - blank.Length, blank.Length).SequenceEqual(blank))
                    {
                        start -= module.NewLine.Length;
                    }

                    edits.Add(TextEdit.Delete(new TextSpan(start, span.End)));
                }
            }

            // A scheduled local `f.run()` looped on the schedule in v1: serve() does that in 2/3.
            foreach (var run in flow.RunStatements(module))
            {
                var runCall = CallSyntax.From(run.Child("value"))!;
                var onSchedule = ConstantSyntax.From(runCall.Keyword("run_on_schedule")?.Value)?.Value != "False";
                var plain = runCall.Arguments.Count == 0 && runCall.Keywords.All(k => k.Name == "run_on_schedule");
                if (plan.HasSchedule && onSchedule && plain && plan.ServeArguments() is { } serve)
                {
                    edits.Add(TextEdit.Replace(runCall.Node.Span, $"{flow.Name}.serve({serve})"));
                }
                else if (schedule is not null && onSchedule)
                {
                    // The flow-run rule leaves a scheduled run() to this rule: say what it becomes rather than leave it silently.
                    plan.Todos.Add($"{module.GetText(runCall.Node)} ran the flow on its schedule in v1 and 2/3 flows have no run(): call {flow.Name}(...) for one run, or {flow.Name}.serve(...) with the deployment's schedule");
                }
            }

            var consumed = keywords.Select(k => k.Value.Span).Concat(assignments.Concat(registers).Concat(named).Select(s => s.Span)).ToList();
            // A setting imported from another project module (`from .schedules import every_week_schedule`): once its statement
            // moves to the deployment file, the import would only run that module's Prefect 1 code, which fails on import in 2/3.
            var settingNames = assignments.Select(a => a.Child("value")).Concat(keywords.Select(k => k.Value))
                .Where(v => v is { Kind: "Name" }).Select(v => v!.Scalar("id")!).ToHashSet(StringComparer.Ordinal);
            edits.AddRange(ImportEdits.Update(module, [], consumed, settingNames));
            // Another module's flow with the same name would write the same file: the module's name tells them apart.
            var clash = NameClash(context, flow.FlowName);
            var path = clash ? $"deployments/{Names.Slug(flow.FlowName)}-{Names.Slug(ProjectModel.ModuleName(module.Path))}.prefect.yaml" : $"deployments/{Names.Slug(flow.FlowName)}.prefect.yaml";
            if (clash)
            {
                plan.Todos.Add($"another module also defines a flow named \"{flow.FlowName}\": in 2/3 both are one flow, so give their deployments different names (or rename one flow)");
            }

            var message = $"deployment settings of \"{flow.FlowName}\" → {path}";
            var withParameters = !consumed.Any(c => module.Text[c.Start..c.End].Contains("parameter_defaults", StringComparison.Ordinal)) ? string.Empty
                : IsPrefect3(context) ? $"the schedules' parameter defaults are on the schedules of {path}; " : $"2.x has no per-schedule parameters: {path} has one deployment per parameter set; ";
            var cutover = Cutover(context, path, schedule is not null);
            var todo = $"deployment settings moved to {path}; {withParameters}{cutover}" + (plan.Todos.Count > 0 ? "; " + string.Join("; ", plan.Todos) : string.Empty);
            yield return new Finding(Id, flow.Decorator.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message) { Files = [new GeneratedFile(path, plan.Yaml(path))] },
                Todo = new ManualTodo(todo, "reference/prefect.md §12–§15"),
            };
        }

        foreach (var copy in FlowCopies(context, symbols))
        {
            yield return copy;
        }
    }

    // A copy of a flow that the module configures (`x = deepcopy(flow)`, then `x.name = ...`, `x.schedule = ...`): v1 registered it as
    // a flow of its own. A 2/3 flow is a function, so the settings would set nothing: a copy named by a literal, with only deployment
    // settings and no other use in the module, becomes `x = flow.with_options(name=...)` with a deployment file of its own, whose
    // parameters are the defaults a project helper gave the copy (ParameterDefaults: a dict, a constants member or a union of them),
    // keeping only the flow's own parameters as v1's helper did; any other configured copy gets a TODO that says so.
    private IEnumerable<Finding> FlowCopies(RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var converted = new List<(Finding Finding, IReadOnlyList<SyntaxNode> Settings, FlowCopy Copy)>();
        foreach (var copy in FlowCopy.In(module, context.Project))
        {
            var settings = copy.Settings(module).ToList();
            if (settings.Count == 0)
            {
                continue;
            }

            var attributes = settings.Select(s => s.Children("targets")[0].Scalar("attr")!).Distinct(StringComparer.Ordinal).ToList();
            SyntaxNode? Value(string attribute) => settings.LastOrDefault(s => s.Children("targets")[0].Scalar("attr") == attribute)?.Child("value");
            // Reading copy.name is no other use: the 2/3 flow with_options makes has the same name.
            var uses = ModuleIndex.Of(module).NamesById.TryGetValue(copy.Name, out var named) ? named.Count(n => !IsNameRead(n)) : 0;
            // copy = set_default_parameters(copy, {...}): the copy's own parameter defaults, its deployment's parameters in 2/3.
            var defaults = ParameterDefaults.Of(module, context.Project, copy.Name);
            var defaultsYaml = defaults is [var only] && only.Entries(module, context.Project) is { } entries
                ? DeploymentParameters(entries, ParametersOf(module, context.Project, copy.Original))
                : ((string Yaml, IReadOnlyList<string> Skipped)?)null;
            var defaultsUses = defaults.Sum(d => d.Statement.Is("Assign") ? 2 : 1);
            if (attributes.All(a => a == "name" || FlowFunction.DeploymentSettings.Contains(a)) && uses == settings.Count + 1 + defaultsUses
                && (defaults.Count == 0 || defaultsYaml is not null)
                && ConstantSyntax.StringValue(Value("name")) is { } flowName && !NameClash(context, flowName))
            {
                var finding = CopyDeployment(context, symbols, copy, settings, defaults.Count == 0 ? null : (defaults[0], defaultsYaml!.Value), flowName, Value);
                converted.Add((finding, [.. settings, .. defaults.Select(d => d.Statement), .. DefaultsDefinition(module, defaults)], copy));
                yield return finding;
                continue;
            }

            string Text(string attribute) => Value(attribute) is { } value ? module.GetText(value) : "...";
            var deployment = attributes.Where(FlowFunction.DeploymentSettings.Contains).ToList();
            var listed = string.Join(", ", attributes.Select(a => a == "schedule" ? $"schedule={Text(a)} (its clocks and their parameters)" : $"{a}={Text(a)}")
                .Concat(defaults.Select(d => $"parameter defaults {module.GetText(d.Defaults)} ({d.Helper})")));
            var todo = $"{copy.Name} is a copy of flow {copy.Original} that v1 registered as a flow of its own; its settings {listed} are not converted and set nothing on a 2/3 flow: "
                + $"make it {copy.Name} = {copy.Original}.with_options({(attributes.Contains("name") ? $"name={Text("name")}" : "name=...")})"
                + (deployment.Count + defaults.Count > 0 ? $" and write a deployment for it (entrypoint {module.Path}:{copy.Name}) with its {string.Join(", ", defaults.Count > 0 ? deployment.Append("parameters") : deployment)}" : string.Empty)
                + (defaults is [_] && defaultsYaml is null ? $"; its parameter defaults are not a literal dict: write their values under the deployment's parameters" : string.Empty)
                + (uses > settings.Count + 1 + defaultsUses ? $"; {copy.Name} is also used otherwise in this module: check each use against a 2/3 flow" : string.Empty);
            var message = $"{copy.Name} = copy of flow {copy.Original}, configured at module level: not converted";
            yield return new Finding(Id, copy.Statement.Span, message) { Todo = new ManualTodo(todo, "reference/prefect.md §12–§15") };
        }

        // The imports the converted copies leave unused (their settings' classes, the schedules they named, deepcopy) go in one
        // edit applied with all of them: each copy rewriting a shared import statement would take a pass of its own.
        var consumed = converted.SelectMany(c => c.Settings.Select(s => s.Span).Append(c.Copy.Statement.Child("value")!.Span)).ToList();
        var removable = converted.SelectMany(c => c.Settings).Select(s => s.Child("value")).Where(v => v is { Kind: "Name" }).Select(v => v!.Scalar("id")!)
            .Concat(converted.SelectMany(c => c.Settings).Select(s => CallSyntax.From(s.Child("value"))?.Function).Where(f => f is { Kind: "Name" }).Select(f => f!.Scalar("id")!))
            .Concat(CopyFunctions).ToHashSet(StringComparer.Ordinal);
        if (converted.Count > 0 && ImportEdits.Update(module, [], consumed, removable) is { Count: > 0 } imports)
        {
            const string message = "imports the converted flow copies no longer use";
            yield return new Finding(Id, module.Root.Span, message) { Fix = new Fix(imports, Safety.Review, message), Requires = converted.Select(c => c.Finding).ToList() };
        }
    }

    // x = deepcopy(flow); x.name = "N"; x.schedule = ... → x = flow.with_options(name="N") and deployments/<n>.prefect.yaml (the
    // imports this leaves unused go in a finding of their own, FlowCopies).
    private Finding CopyDeployment(RuleContext context, PrefectSymbols symbols, FlowCopy copy, IReadOnlyList<SyntaxNode> settings,
        (ParameterDefaults Call, (string Yaml, IReadOnlyList<string> Skipped) Values)? defaults, string flowName, Func<string, SyntaxNode?> value)
    {
        var module = context.Module;
        var plan = new DeploymentPlan(context, symbols, copy.Name, flowName);
        var schedule = value("schedule");
        ReadSchedule(context, symbols, plan, schedule);
        plan.RunConfig(value("run_config"));
        plan.Storage(value("storage"));
        var name = module.GetText(value("name")!);
        var edits = new List<TextEdit> { TextEdit.Replace(copy.Statement.Child("value")!.Span, $"{copy.Original}.with_options(name={name})") };
        var removed = defaults is { } given ? [.. settings, given.Call.Statement, .. DefaultsDefinition(module, [given.Call])] : settings;
        edits.AddRange(SourceLines.DeleteWholeLines(module, removed));
        var parameters = string.Empty;
        if (defaults is { } set)
        {
            plan.Parameters(set.Values.Yaml);
            parameters = $"its parameter defaults ({set.Call.Helper}) are the deployment's parameters (a direct call of {copy.Name} has the function's own defaults"
                + SkippedKeys(set.Values.Skipped, copy.Original) + "); ";
        }

        var path = $"deployments/{Names.Slug(flowName)}.prefect.yaml";
        var message = $"{copy.Name}, a copy of flow {copy.Original} named \"{flowName}\" → {copy.Original}.with_options(name=...) and {path}";
        var todo = $"{copy.Name} was a copy of flow {copy.Original} that v1 registered as a flow of its own: it is the same flow under its own name, and its deployment settings moved to {path}; "
            + parameters + Cutover(context, path, schedule is not null) + (plan.Todos.Count > 0 ? "; " + string.Join("; ", plan.Todos) : string.Empty);
        return new Finding(Id, copy.Statement.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message) { Files = [new GeneratedFile(path, plan.Yaml(path))] },
            Todo = new ManualTodo(todo, "reference/prefect.md §12–§15"),
        };
    }

    // A schedule given by name (`flow.schedule = every_hour`), assigned once in this module or in the project module it is imported
    // from, is read there (the definition stays: other flows may use it); any other schedule is read as it is.
    private static void ReadSchedule(RuleContext context, PrefectSymbols symbols, DeploymentPlan plan, SyntaxNode? schedule)
    {
        if (schedule is { Kind: "Name" } && ModuleLevelValues.Of(context.Module, context.Project, schedule.Scalar("id")!) is { Value.Kind: "Call" } defined)
        {
            plan.Schedule(defined.Value, new ScheduleSource(defined.Module, PrefectSymbols.For(defined.Module, context.Project)));
            plan.Origins.Add($"schedule {schedule.Scalar("id")} is read from {defined.Module.Path}");
            return;
        }

        plan.Schedule(schedule, new ScheduleSource(context.Module, symbols));
    }

    // `copy.name` read (not assigned).
    private static bool IsNameRead(SyntaxNode name) =>
        name.Parent is { Kind: "Attribute" } attribute && attribute.Scalar("attr") == "name" && attribute.Scalar("ctx") != "Store";

    // The parameters of the flow a copy was made of (the @flow function it now is, in this module or the project module it is
    // imported from), or null when they are not known or the function takes **kwargs (any key is one then).
    private static IReadOnlySet<string>? ParametersOf(PythonModule module, ProjectModel project, string original) =>
        FlowFunction.Named(module, project, original) is not { } flow || flow.Function.Parameters.Child("kwarg") is not null
            ? null
            : flow.Function.ParameterNames.ToHashSet(StringComparer.Ordinal);

    // The defaults of a copy's parameters as the deployment's parameters, by the function's parameter names (a v1 Parameter named
    // "run-day" is the argument run_day): v1's helper set only the flow's own parameters and skipped any other key, which a 2/3
    // deployment would pass to the function (a run failing on an unexpected argument). Null parameters: not known, every key kept.
    private static (string Yaml, IReadOnlyList<string> Skipped) DeploymentParameters(IReadOnlyList<KeyValuePair<string, string>> entries, IReadOnlySet<string>? parameters)
    {
        if (parameters is null)
        {
            return (PythonLiterals.Mapping(entries), []);
        }

        var kept = new List<KeyValuePair<string, string>>();
        var skipped = new List<string>();
        foreach (var entry in entries)
        {
            var argument = Names.IsIdentifier(entry.Key) ? entry.Key : Names.Identifier(entry.Key);
            if (parameters.Contains(argument))
            {
                kept.Add(new(argument, entry.Value));
            }
            else
            {
                skipped.Add(entry.Key);
            }
        }

        return (PythonLiterals.Mapping(kept), skipped);
    }

    private static string SkippedKeys(IReadOnlyList<string> skipped, string flow) => skipped switch
    {
        [] => string.Empty,
        [var one] => $"; {one} is not a parameter of {flow}: v1 skipped it, and a 2/3 deployment run would fail on it, so it is left out",
        _ => $"; {string.Join(", ", skipped)} are not parameters of {flow}: v1 skipped them, and a 2/3 deployment run would fail on them, so they are left out",
    };

    // The module-level dict a defaults call names (`defaults = {...}`, or a union of dicts) when that call is its only use: it moves to the deployment file.
    private static IEnumerable<SyntaxNode> DefaultsDefinition(PythonModule module, IReadOnlyList<ParameterDefaults> calls)
    {
        foreach (var call in calls)
        {
            if (call.Defaults is { Kind: "Name" } name && ModuleIndex.Of(module).NamesById.TryGetValue(name.Scalar("id")!, out var named) && named.Count == 2
                && ModuleConstants.ValueOf(module, name.Scalar("id")!) is { Kind: "Dict" or "BinOp", Parent: { } definition })
            {
                yield return definition;
            }
        }
    }

    // The names a copy is made with (from copy import deepcopy), dropped from their import once the copy no longer uses them.
    private static readonly string[] CopyFunctions = ["deepcopy", "copy"];

    private static string Cutover(RuleContext context, string path, bool scheduled) => scheduled
        ? $"cutover: {(context.Options.SchedulesInactive ? "its schedules are inactive so the Prefect 1 flow keeps running alone; " : string.Empty)}deploy it (prefect deploy --prefect-file {path} --all), check a run, then turn off the v1 schedule and activate the new one"
        : $"cutover: deploy it (prefect deploy --prefect-file {path} --all), check a run, then stop starting the v1 flow";

    private static bool NameClash(RuleContext context, string flowName) => ProjectFlowNames.DefinedElsewhere(context, flowName);

    /// <summary>
    /// Everything the deployment file says, collected from the v1 objects. <paramref name="function"/>: the name the entrypoint ends
    /// with (an <c>@flow</c> function, or a copy of one); <paramref name="flowName"/>: the flow's name in 2/3.
    /// </summary>
    private sealed class DeploymentPlan(RuleContext context, PrefectSymbols symbols, string function, string flowName)
    {
        // How much of a constant's value the header quotes.
        private const int MaxQuoted = 80;

        private readonly List<(List<string> Lines, string? Parameters)> _schedules = [];
        // The flow's own parameter defaults (a copy's, set by a project helper): the deployment's parameters.
        private string? _parameters;
        private readonly List<string> _pull = [];
        private readonly List<string> _jobVariables = [];
        private readonly List<string> _tags = [];
        private string? _poolType;
        private string? _poolName;
        private string? _entrypointFile;
        private string? _entrypointModule;

        public List<string> Todos { get; } = [];

        /// <summary>Where settings given by name were read (a header line of the file each).</summary>
        public List<string> Origins { get; } = [];

        /// <summary>v1 registered the flow with <c>set_schedule_active=False</c>: its schedules stay inactive whatever the cutover setting.</summary>
        public bool InactiveInV1 { get; init; }

        private bool Inactive => context.Options.SchedulesInactive || InactiveInV1;

        public bool HasSchedule => _schedules.Count > 0;

        private PythonModule Module => context.Module;

        private bool P3 => PrefectTarget.IsPrefect3(context.Options);

        private string Text(SyntaxNode node) => Module.GetText(node);

        // The string a setting names through the project's constants (ConstantStrings), its origin noted in the file's header (one
        // line: the quoted value escapes its line breaks).
        private string? Constant(SyntaxNode node)
        {
            var value = ConstantStrings.Of(Module, context.Project, node);
            if (value is not null && ConstantSyntax.StringValue(node) is null)
            {
                var quoted = PythonLiterals.Quote(value.Length > MaxQuoted ? value[..MaxQuoted] + "…" : value);
                var origin = $"value of {Text(node).ReplaceLineEndings(" ")} ({quoted}) is copied here: update it if that constant changes";
                if (!Origins.Contains(origin))
                {
                    Origins.Add(origin);
                }
            }

            return value;
        }

        private string? Kind(CallSyntax call) => (symbols.Resolve(call.Function) ?? call.FunctionName)?.Split('.')[^1];

        /// <summary>The schedule a flow is given, read in <paramref name="source"/> (the flow's module, or the module that defines it).</summary>
        public void Schedule(SyntaxNode? schedule, ScheduleSource source)
        {
            if (schedule is null)
            {
                return;
            }

            if (ConstantSyntax.From(schedule)?.ValueType == "none")
            {
                return;
            }

            if (CallSyntax.From(schedule) is not { } call)
            {
                Todos.Add($"schedule {source.Text(schedule)} is not a literal schedule; write its schedules into the deployment file");
                return;
            }

            switch (source.Kind(call))
            {
                case "IntervalSchedule":
                    Clock(source, call, "interval", call.Keyword("interval")?.Value ?? (call.Arguments.Count > 1 ? call.Arguments[1] : null), call.Keyword("start_date")?.Value ?? call.Arguments.FirstOrDefault(), call.Keyword("end_date")?.Value, null);
                    break;
                case "CronSchedule":
                    Clock(source, call, "cron", call.Arguments.FirstOrDefault() ?? call.Keyword("cron")?.Value, call.Keyword("start_date")?.Value ?? (call.Arguments.Count > 1 ? call.Arguments[1] : null), call.Keyword("end_date")?.Value, null);
                    break;
                case "Schedule":
                    var clocks = call.Keyword("clocks")?.Value ?? call.Arguments.FirstOrDefault();
                    foreach (var name in new[] { "filters", "or_filters", "not_filters", "adjustments" })
                    {
                        if (call.Keyword(name) is { } extra)
                        {
                            Todos.Add($"schedule {name}={source.Text(extra.Value)} have no 2/3 equivalent: express them in the cron/RRule or check the condition at the start of the flow");
                        }
                    }

                    if (clocks is not null && !clocks.Is("List") && !clocks.Is("Tuple"))
                    {
                        // Built at run time (a helper returning clocks): nothing here says when the flow runs.
                        Todos.Add($"the clocks {source.Text(clocks)} are built when the module runs: write the schedules they make, with their parameters, into the deployment file, or deploy from Python with {function}.deploy(..., schedules=<the converted list>)");
                    }

                    foreach (var clock in clocks?.Children("elts") ?? [])
                    {
                        if (CallSyntax.From(clock) is not { } clockCall)
                        {
                            Todos.Add($"clock {source.Text(clock)}: add it to the deployment's schedules");
                            continue;
                        }

                        var kind = source.Kind(clockCall);
                        var parameters = clockCall.Keyword("parameter_defaults")?.Value;
                        if (clockCall.Keyword("labels") is { } labels)
                        {
                            Todos.Add($"clock labels={source.Text(labels.Value)} routed runs to agents; use a work queue instead");
                        }

                        if (kind == "IntervalClock")
                        {
                            Clock(source, clockCall, "interval", clockCall.Arguments.FirstOrDefault() ?? clockCall.Keyword("interval")?.Value, clockCall.Keyword("start_date")?.Value, clockCall.Keyword("end_date")?.Value, parameters);
                        }
                        else if (kind == "CronClock")
                        {
                            Clock(source, clockCall, "cron", clockCall.Arguments.FirstOrDefault() ?? clockCall.Keyword("cron")?.Value, clockCall.Keyword("start_date")?.Value, clockCall.Keyword("end_date")?.Value, parameters);
                        }
                        else if (kind == "RRuleClock")
                        {
                            Todos.Add(RRuleTodo(clockCall, source) + (parameters is null ? string.Empty : $" with parameters {source.Text(parameters)}{(P3 ? string.Empty : " (2.x: in a deployment of its own)")}"));
                        }
                        else
                        {
                            Todos.Add($"{kind} {source.Text(clock)}: no direct equivalent (DatesClock → run_deployment(scheduled_time=...) or an RRule; RRuleClock → an rrule: string)");
                        }
                    }

                    break;
                case "RRuleSchedule":
                    Todos.Add(RRuleTodo(call, source));
                    break;
                default:
                    Todos.Add($"schedule {source.Text(schedule)}: write its schedules into the deployment file");
                    break;
            }
        }

        // An rrule object has no literal form here: the deployment needs its RFC 5545 text (str(rrule) prints DTSTART + RRULE).
        private string RRuleTodo(CallSyntax call, ScheduleSource source)
        {
            var rule = call.Arguments.FirstOrDefault() ?? call.Keyword("rrule_obj")?.Value;
            var extra = string.Join(string.Empty, new[] { "start_date", "end_date" }.Where(k => call.Keyword(k) is not null).Select(k => $"; {k}={source.Text(call.Keyword(k)!.Value)} → DTSTART/UNTIL in that string"));
            return $"{source.Text(call.Node)}: add a schedule `rrule: \"<str({(rule is null ? "rrule_obj" : source.Text(rule))})>\"` (its RFC 5545 text, as print(str(...)) shows it; timezone: the one of its dtstart) to the deployment file{extra}";
        }

        private void Clock(ScheduleSource source, CallSyntax call, string kind, SyntaxNode? value, SyntaxNode? startDate, SyntaxNode? endDate, SyntaxNode? parameters)
        {
            var lines = new List<string>();
            if (value is null)
            {
                Todos.Add($"{source.Text(call.Node)} has no {kind}; add it to the deployment file");
                return;
            }

            if (kind == "interval")
            {
                if (Durations.Seconds(value) is not { } seconds)
                {
                    Todos.Add($"interval {source.Text(value)} is not a literal duration; write it in seconds into the deployment file");
                    return;
                }

                lines.Add($"interval: {Durations.Format(seconds)}");
            }
            else
            {
                if (ConstantSyntax.StringValue(value) is not { } cron)
                {
                    Todos.Add($"cron {source.Text(value)} is not a literal; write it into the deployment file");
                    return;
                }

                lines.Add($"cron: {PythonLiterals.Quote(cron)}");
                if (call.Keyword("day_or")?.Value is { } dayOr)
                {
                    if (P3)
                    {
                        lines.Add($"day_or: {PythonLiterals.ToYaml(dayOr) ?? "false"}");
                    }
                    else
                    {
                        Todos.Add($"day_or={source.Text(dayOr)}: prefect.yaml in 2.x does not read day_or; use CronSchedule(..., day_or=...) in Python deployment code");
                    }
                }
            }

            if (startDate is not null && StartDates.Read(source.Module, startDate) is { } start)
            {
                // v1 start_date anchored intervals and carried the timezone (reference §12); cron keeps only the timezone.
                if (kind == "interval")
                {
                    lines.Add($"anchor_date: {PythonLiterals.Quote(start.WallClock)}");
                }

                if (start.TimeZone is not null)
                {
                    lines.Add($"timezone: {PythonLiterals.Quote(start.TimeZone)}");
                }
            }
            else if (startDate is not null)
            {
                Todos.Add($"start_date={source.Text(startDate)} set the anchor and timezone: add anchor_date/timezone to the schedule (naive dates are UTC)");
            }

            if (endDate is not null)
            {
                Todos.Add($"end_date={source.Text(endDate)} has no equivalent: pause or remove the schedule then");
            }

            if (Inactive)
            {
                lines.Add("active: false");
            }

            string? parametersYaml = null;
            if (parameters is not null)
            {
                parametersYaml = PythonLiterals.ToYaml(parameters);
                if (parametersYaml is null)
                {
                    Todos.Add($"parameter_defaults={source.Text(parameters)} is not a literal; put the values under the schedule's parameters");
                }
            }

            _schedules.Add((lines, parametersYaml));
        }

        /// <summary>Parameter values every run of the deployment gets (YAML flow text), under each schedule's own.</summary>
        public void Parameters(string yaml) => _parameters = yaml;

        public void RunConfig(SyntaxNode? runConfig)
        {
            if (runConfig is null)
            {
                return;
            }

            var call = CallSyntax.From(runConfig);
            var kind = call is null ? null : Kind(call);
            var rows = kind is null ? [] : context.Tables["run_configs"].Rows.Where(r => r.Get("v1") == kind).ToList();
            if (rows.Count == 0)
            {
                Todos.Add($"run_config {Text(runConfig)}: choose a work pool and job variables");
                return;
            }

            _poolType = rows[0].Require("pool_type");
            _poolName = context.Options.WorkPools.GetValueOrDefault(kind!) ?? $"{_poolType}-pool";
            var column = PrefectTarget.Column(context.Options);
            foreach (var keyword in call!.Keywords)
            {
                var row = rows.FirstOrDefault(r => r.Get("keyword") == keyword.Name);
                var variable = row?.Get(column);
                var yaml = PythonLiterals.ToYaml(keyword.Value);
                if (keyword.Name == "labels")
                {
                    Todos.Add($"labels={Text(keyword.Value)} selected v1 agents: run a worker for work pool \"{_poolName}\" (optionally a work queue) where those agents ran");
                }
                else if (string.IsNullOrEmpty(variable))
                {
                    Todos.Add($"{kind}({keyword.Name}={Text(keyword.Value)}) has no job variable on this target: edit the \"{_poolName}\" pool's base job template");
                }
                else if (keyword.Name == "env" && keyword.Value.Is("Dict") && Prefect1Settings(keyword.Value) is { Count: > 0 } settings)
                {
                    Todos.Add($"env {string.Join(", ", settings)} {(settings.Count == 1 ? "is" : "are")} Prefect 1 configuration that 2/3 do not read, so {(settings.Count == 1 ? "it is" : "they are")} not carried over (an executor chosen there is now the flow's task_runner; other settings are PREFECT_* settings of the target)");
                    if (PythonLiterals.ToYaml(keyword.Value, key => !key.StartsWith("PREFECT__", StringComparison.Ordinal)) is { } rest && rest != "{}")
                    {
                        _jobVariables.Add($"{variable}: {rest}");
                    }
                }
                else if (yaml is null && Constant(keyword.Value) is { } constant)
                {
                    _jobVariables.Add($"{variable}: {PythonLiterals.Quote(constant)}");
                }
                else if (yaml is null)
                {
                    Todos.Add($"{kind}({keyword.Name}={Text(keyword.Value)}) is not a literal: set job variable {variable} in the deployment file");
                }
                else
                {
                    _jobVariables.Add($"{variable}: {yaml}");
                }
            }

            if (!context.Options.WorkPools.ContainsKey(kind!))
            {
                Todos.Add($"create the work pool: prefect work-pool create {_poolName} --type {_poolType}");
            }
        }

        private static List<string> Prefect1Settings(SyntaxNode dict) =>
            dict.Children("keys").Select(ConstantSyntax.StringValue).OfType<string>().Where(k => k.StartsWith("PREFECT__", StringComparison.Ordinal)).ToList();

        // Storage keywords the pull step does not express, with what to do about each.
        private void Unconverted(CallSyntax call, string kind, IReadOnlyDictionary<string, string> advice)
        {
            foreach (var keyword in call.Keywords.Where(k => k.Name is not null && advice.ContainsKey(k.Name)))
            {
                Todos.Add($"{kind}({keyword.Name}={Text(keyword.Value)}): {advice[keyword.Name!]}");
            }
        }

        public void Storage(SyntaxNode? storage)
        {
            var call = CallSyntax.From(storage);
            if (storage is null || call is null)
            {
                if (storage is not null)
                {
                    Todos.Add($"storage {Text(storage)}: write the pull steps by hand");
                }

                return;
            }

            var kind = Kind(call);
            var row = context.Tables["storage"].Find("v1", kind ?? string.Empty);
            string? Arg(string name, int position = -1) => (call.Keyword(name)?.Value ?? (position >= 0 && call.Arguments.Count > position ? call.Arguments[position] : null)) is { } v
                ? Constant(v) ?? Text(v)
                : null;
            switch (row?.Get("kind"))
            {
                case "git":
                    var repo = kind == "Git" ? Arg("repo", 1) : Arg("repo", 0);
                    var host = kind switch
                    {
                        "GitHub" => Arg("base_url")?.Replace("https://", string.Empty).TrimEnd('/') ?? "github.com",
                        "GitLab" => Arg("host")?.Replace("https://", string.Empty).TrimEnd('/') ?? "gitlab.com",
                        "Bitbucket" => Arg("host")?.Replace("https://", string.Empty).TrimEnd('/') ?? "bitbucket.org",
                        _ => Arg("repo_host") ?? "github.com",
                    };
                    if (kind == "Bitbucket")
                    {
                        repo = $"{Arg("workspace") ?? Arg("project", 0)}/{Arg("repo", 1)}";
                    }

                    var step = new StringBuilder($"- prefect.deployments.steps.git_clone:\n    repository: {PythonLiterals.Quote($"https://{host}/{repo}.git")}");
                    var branch = Arg("ref") ?? Arg("branch_name") ?? Arg("tag");
                    if (branch is not null)
                    {
                        step.Append($"\n    branch: {PythonLiterals.Quote(branch)}");
                    }

                    if (Arg("commit") is { } commit)
                    {
                        if (P3)
                        {
                            step.Append($"\n    commit_sha: {PythonLiterals.Quote(commit)}");
                        }
                        else
                        {
                            Todos.Add($"commit={commit}: 2.x git_clone has no commit option; pin it with a tag/branch");
                        }
                    }

                    if ((Arg("access_token_secret") ?? Arg("git_token_secret_name")) is { } secret)
                    {
                        var block = context.Options.SecretBlockNames.GetValueOrDefault(secret) ?? Names.BlockName(secret);
                        step.Append($"\n    access_token: \"{{{{ prefect.blocks.secret.{block} }}}}\"");
                        Todos.Add($"create the Secret block \"{block}\" holding the git token (v1 secret {secret})");
                    }

                    _pull.Add(step.ToString());
                    _entrypointFile = Arg("path") ?? Arg("flow_path", 0);
                    break;
                case "s3" or "gcs" or "azure":
                    var bucket = kind == "Azure" ? Arg("container", 0) : Arg("bucket", 0);
                    var folder = Arg("key") ?? Arg("blob_name") ?? string.Empty;
                    folder = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : string.Empty;
                    var bucketKey = kind == "Azure" ? "container" : "bucket";
                    _pull.Add($"- {row.Require("pull_step")}:\n    {bucketKey}: {PythonLiterals.Quote(bucket ?? "TODO")}\n    folder: {PythonLiterals.Quote(folder)}");
                    Todos.Add($"upload the project to {bucket} with the matching push step and install {row.Get("package")} on the worker");
                    Unconverted(call, kind!, new Dictionary<string, string>
                    {
                        ["connection_string_secret"] = "create an AzureBlobStorageCredentials block (prefect-azure) holding that connection string and give it to the pull step as its credentials",
                        ["client_options"] = "pass these boto3 client options to the pull step as client_parameters",
                        ["upload_options"] = "pass these upload options to the push step",
                        ["project"] = "the GCP project goes into the GcpCredentials block the pull step uses",
                    });
                    break;
                case "local" when kind == "Module" && Arg("module", 0) is { } importPath:
                    _pull.Add("- prefect.deployments.steps.set_working_directory:\n    directory: \".\"");
                    if (P3)
                    {
                        _entrypointModule = importPath;
                        Todos.Add($"Module storage imported the flow from the installed package module {importPath}: install that package where the work pool runs flows (the entrypoint is its module path)");
                    }
                    else
                    {
                        Todos.Add($"Module storage imported the flow from the installed package module {importPath}: 2.x prefect.yaml entrypoints are file paths, so the worker needs the project checkout in the pull step's directory (or deploy from Python with entrypoint_type=EntrypointType.MODULE_PATH)");
                    }

                    break;
                case "local":
                    _pull.Add("- prefect.deployments.steps.set_working_directory:\n    directory: \".\"");
                    Todos.Add($"{kind} storage: set the pull step's directory to the project checkout on the worker");
                    break;
                case "docker":
                    var image = Arg("image_name");
                    var registry = Arg("registry_url");
                    var tag = Arg("image_tag");
                    if (image is not null)
                    {
                        _jobVariables.Add($"image: {PythonLiterals.Quote((registry is null ? string.Empty : registry.TrimEnd('/') + "/") + image + (tag is null ? string.Empty : ":" + tag))}");
                    }

                    _pull.Add("- prefect.deployments.steps.set_working_directory:\n    directory: \"/opt/prefect\"");
                    Todos.Add("Docker storage: build the image with the project code (a Dockerfile or prefect_docker build/push steps) and set the pull step's directory to where the code is in the image");
                    Unconverted(call, kind!, new Dictionary<string, string>
                    {
                        ["base_image"] = "the FROM of the image's Dockerfile",
                        ["dockerfile"] = "build the image from this Dockerfile",
                        ["python_dependencies"] = "a requirements.txt installed in the image (dockerfile=\"auto\" picks it up)",
                        ["files"] = "COPY these files in the image's Dockerfile",
                        ["env_vars"] = "ENV lines in the image's Dockerfile (or the work pool's env job variable)",
                        ["extra_dockerfile_commands"] = "add these commands to the image's Dockerfile",
                        ["build_kwargs"] = "pass them to the build step (prefect_docker.deployments.steps.build_docker_image)",
                        ["prefect_version"] = "install the target prefect version in the image instead",
                        ["local_image"] = "the image is not pushed: build it where the worker runs",
                    });
                    break;
                default:
                    Todos.Add($"storage {Text(storage)} has no direct equivalent: write the pull step by hand");
                    break;
            }
        }

        public void Register(CallSyntax register)
        {
            if (register.Keyword("project_name")?.Value is { } project && ConstantSyntax.StringValue(project) is { } name)
            {
                _tags.Add(PythonLiterals.Quote(name));
            }

            if (register.Keyword("labels") is { } labels)
            {
                Todos.Add($"register(labels={Text(labels.Value)}): run a worker for this deployment's work pool where those agents ran");
            }

            if (register.Keyword("idempotency_key") is { } key)
            {
                Todos.Add($"register(idempotency_key={Text(key.Value)}) is not needed: prefect deploy updates the deployment of the same name in place");
            }

            if (register.Keyword("set_schedule_active") is { } active && ConstantSyntax.From(active.Value)?.Value == "False")
            {
                Todos.Add("register(set_schedule_active=False) kept the v1 schedule off: keep this deployment's schedules inactive at cutover");
            }
        }

        public string? ServeArguments()
        {
            if (_schedules.Count != 1 || _schedules[0].Parameters is not null)
            {
                return null;
            }

            var first = _schedules[0].Lines[0];
            var (key, value) = (first[..first.IndexOf(':')], first[(first.IndexOf(':') + 2)..]);
            var paused = Inactive ? ", paused=True" : string.Empty;
            return $"name={Names.Quote(Names.Slug(flowName))}, {key}={value}{paused}";
        }

        public string Yaml(string path)
        {
            var nl = "\n";
            var builder = new StringBuilder();
            builder.Append($"# Deployment of flow {PythonLiterals.Quote(flowName)} ({Module.Path}), generated by flowmigrate from its Prefect 1 settings.{nl}");
            builder.Append($"# Deploy: prefect deploy --prefect-file {path} --all{nl}");
            foreach (var origin in Origins)
            {
                builder.Append($"# The {origin}.{nl}");
            }
            if (InactiveInV1 && !context.Options.SchedulesInactive && _schedules.Count > 0)
            {
                builder.Append($"# The v1 flow was registered with set_schedule_active=False: its schedules stay inactive (active: false).{nl}");
            }

            if (context.Options.SchedulesInactive && _schedules.Count > 0)
            {
                builder.Append($"# Cutover: the schedules are inactive (active: false) so the Prefect 1 flow keeps running alone; after a good{nl}");
                builder.Append($"# test run, turn the v1 schedule off and set active: true here (or resume the schedule in the UI).{nl}");
            }

            var todos = !P3 && _parameters is not null && _schedules.Any(s => s.Parameters is not null)
                ? Todos.Append($"the flow's parameter defaults {_parameters} apply to every deployment below: add the ones a deployment's parameters do not set to them")
                : Todos;
            foreach (var todo in todos)
            {
                // One comment line each: a TODO quoting a value written over several lines (labels=[\n ...]) would break the YAML.
                builder.Append($"# TODO: {string.Join(' ', todo.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}{nl}");
            }

            var pull = _pull.Count > 0 ? _pull : ["- prefect.deployments.steps.set_working_directory:\n    directory: \".\""];
            builder.Append($"pull:{nl}");
            foreach (var step in pull)
            {
                builder.Append(step.Replace("\n", nl)).Append(nl);
            }

            builder.Append($"deployments:{nl}");
            var groups = P3 || _schedules.All(s => s.Parameters is null)
                ? [(Name: Names.Slug(flowName), Parameters: _parameters, Schedules: _schedules)]
                : _schedules.GroupBy(s => s.Parameters).Select((g, i) => (Name: $"{Names.Slug(flowName)}{(g.Key is null ? string.Empty : $"-{i + 1}")}", Parameters: g.Key, Schedules: g.ToList())).ToList();
            foreach (var group in groups)
            {
                builder.Append($"- name: {PythonLiterals.Quote(group.Name)}{nl}");
                builder.Append($"  entrypoint: {PythonLiterals.Quote(_entrypointModule is null ? $"{_entrypointFile ?? Module.Path}:{function}" : $"{_entrypointModule}.{function}")}{nl}");
                if (group.Parameters is not null)
                {
                    builder.Append($"  parameters: {group.Parameters}{nl}");
                }

                if (_tags.Count > 0)
                {
                    builder.Append($"  tags: [{string.Join(", ", _tags)}]{nl}");
                }

                if (group.Schedules.Count > 0)
                {
                    builder.Append($"  schedules:{nl}");
                    foreach (var (lines, parameters) in group.Schedules)
                    {
                        builder.Append($"  - {lines[0]}{nl}");
                        foreach (var line in lines.Skip(1))
                        {
                            builder.Append($"    {line}{nl}");
                        }

                        if (InactiveInV1 && !lines.Contains("active: false"))
                        {
                            builder.Append($"    active: false{nl}");
                        }

                        if (P3 && parameters is not null)
                        {
                            builder.Append($"    parameters: {parameters}{nl}");
                        }
                    }
                }

                builder.Append($"  work_pool:{nl}");
                builder.Append($"    name: {PythonLiterals.Quote(_poolName ?? "default-pool")}{nl}");
                if (_jobVariables.Count > 0)
                {
                    builder.Append($"    job_variables:{nl}");
                    foreach (var variable in _jobVariables)
                    {
                        builder.Append($"      {variable}{nl}");
                    }
                }
            }

            return builder.ToString();
        }
    }
}
