using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Deployment;

/// <summary>
/// Last rule of the ruleset: removes Prefect 1 imports nothing uses any more, and puts a TODO on what
/// is still Prefect 1 after every step: <c>Task</c> subclasses, task-library classes (with the
/// integration package to install, table <c>task_library</c>), names with no target import (table
/// <c>imports</c>), flow-of-flows tasks, and 0.15-only modules (reference §1, §3.3, §16, §17, §20).
/// </summary>
public abstract class LeftoverPrefect1Rule(string id) : PrefectRule(
    id, "leftover-prefect1", "deployment", Safety.Safe,
    "remove unused Prefect 1 imports; TODO on Prefect 1 names still in use (Task subclasses, task library, 0.15 modules)",
    "Nothing Prefect 1 may remain silently: it would fail at import time on the target (reference/prefect.md §1, §16, §20).",
    "class Query(Task): ...\n→\n# TODO(flowmigrate PF344): Query subclasses the Prefect 1 Task ...")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var column = PrefectTarget.Column(context.Options);
        // 0. Schedule objects no flow uses, and clocks functions make, become the target's; the rest of this rule looks at the module they leave (next pass).
        var schedules = StandaloneSchedules.Find(Id, context, symbols).ToList();
        if (StandaloneSchedules.ClocksBuiltInCode(Id, context, symbols) is { } clocks)
        {
            schedules.Add(clocks);
        }

        if (schedules.Count > 0)
        {
            foreach (var schedule in schedules)
            {
                yield return schedule;
            }

            yield break;
        }

        var index = ModuleIndex.Of(module);
        var used = index.NameIds;

        // 1. Unused Prefect 1 from-imports (left behind by conversions of several uses).
        var unused = symbols.Bound.Where(p => !used.Contains(p.Key) && p.Value.StartsWith("prefect.", StringComparison.Ordinal) && IsPrefect1Only(context, p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        if (unused.Count > 0 && ImportEdits.Update(module, [], [], null, unused) is { Count: > 0 } cleanup)
        {
            yield return new Finding(Id, module.Root.Span, "unused Prefect 1 imports") { Fix = new Fix(cleanup, Safety.Safe, $"remove unused Prefect 1 imports: {string.Join(", ", unused.Order(StringComparer.Ordinal))}") };
        }

        // 2. Names that moved to another module under the same name (prefect.utilities.logging.get_logger → prefect.logging).
        foreach (var (import, importNames) in TopLevelImport.In(module))
        {
            if (import.IsFrom && Moved(context, module, import) is { } target)
            {
                var names = string.Join(", ", importNames.Select(n => n.Alias is null ? n.Name : $"{n.Name} as {n.Alias}"));
                var message = $"{import.Module} → {target}";
                yield return new Finding(Id, import.Node.Span, message) { Fix = new Fix([TextEdit.Replace(import.Node.Span, $"from {target} import {names}")], Safety.Safe, message) };
            }
        }

        // 3. Flow attributes set at module level that 2/3 flows do not read (the names they use may not exist there).
        foreach (var flow in FlowFunction.In(module))
        {
            foreach (var statement in flow.ModuleStatements(module).Where(s => s.Is("Assign") && FlowFunction.Attribute(s) is "reference_tasks" or "result" or "state_handlers" or "validate" or "terminal_state_handler"))
            {
                var text = module.GetText(statement);
                var reason = FlowFunction.Attribute(statement) == "reference_tasks"
                    ? "in 2/3 the flow's final state comes from its return value: return those tasks' results from the flow"
                    : "set it as an @flow(...) option (reference §2.5)";
                yield return new Finding(Id, flow.Decorator.Span, $"{text} removed")
                {
                    Fix = new Fix([SourceLines.DeleteStatement(module, statement)], Safety.Review, $"remove `{text}`"),
                    Todo = new ManualTodo($"`{text}` was removed: {reason}", "reference/prefect.md §2.5"),
                };
            }
        }

        // 4. What is still Prefect 1 (ignoring settings the executor/deployment rules of this step are still moving).
        var pending = Pending(module);
        if (pending.Count > 0)
        {
            used = index.Nodes("Name").Where(n => !Within(n.Span, pending)).Select(n => n.Scalar("id")!).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var statement in index.Nodes("ClassDef"))
        {
            var cls = new ClassDefSyntax(statement);
            if (cls.Bases.FirstOrDefault(b => symbols.Is(b, "prefect.Task")) is not null)
            {
                yield return Todo(statement, $"{cls.Name} subclasses the Prefect 1 Task: turn run() into a @task function (run() arguments first, __init__ settings as keyword defaults, Task options into @task(...), self.logger → get_run_logger()); instances become with_options(...) calls" + (TaskSubclass.Read(module, symbols, statement)?.Reason is { } reason ? $" (not converted automatically: {reason})" : string.Empty));
            }
            else if (cls.Bases.FirstOrDefault(b => symbols.Resolve(b) is { } r && r.StartsWith("prefect.tasks.", StringComparison.Ordinal)) is { } library)
            {
                yield return Todo(statement, $"{cls.Name} subclasses the task-library class {symbols.Resolve(library)}: rewrite as a @task using {Replacement(context, symbols.Resolve(library)!, column)}");
            }
            else if (cls.Bases.Any(b => symbols.Is(b, "prefect.Flow")) && symbols.LocalFlowSubclasses.Contains(cls.Name))
            {
                yield return Todo(statement, $"{cls.Name} subclasses the Prefect 1 Flow: 2/3 flows are decorated functions; move what it adds into @flow options (on_failure/on_completion hooks, tags) and delete the class when no flow uses it");
            }
        }

        // 5. Flow-of-flows calls: the run_deployment call that replaces each one, with its values (reference §17).
        foreach (var (node, resolved) in symbols.ResolvedCalls)
        {
            var call = new CallSyntax(node);
            if (FlowOfFlows.Advice(module, call, PrefectSymbols.Canon(resolved), flowName => ChildDeployments.Of(context, flowName)?.NameSource, IsPrefect3(context)) is { } advice)
            {
                yield return new Finding(Id, node.Span, advice) { Todo = new ManualTodo(advice, "reference/prefect.md §17") };
            }
        }

        // 6. Prefect 3 runs on pydantic 2: pydantic 1 names the project imports break or are deprecated there (reference §19).
        if (IsPrefect3(context))
        {
            foreach (var (import, importNames) in TopLevelImport.In(module).Where(i => i.Import.IsFrom && i.Import.Module == "pydantic"))
            {
                var names = importNames.Select(n => n.Name).Where(n => n is "BaseSettings" or "validator" or "root_validator").ToList();
                if (names.Count > 0)
                {
                    var text = $"Prefect 3 installs pydantic 2: {string.Join(", ", names.Select(n => n switch
                    {
                        "BaseSettings" => "BaseSettings moved to the pydantic-settings package (from pydantic_settings import BaseSettings)",
                        "validator" => "validator is deprecated (field_validator)",
                        _ => "root_validator is deprecated (model_validator)",
                    }))}; models used as flow parameters must be pydantic 2 models";
                    yield return new Finding(Id, import.Node.Span, text) { Todo = new ManualTodo(text, "reference/prefect.md §19") };
                }
            }
        }

        var targetNames = TargetImports(context, column);
        foreach (var (import, importNames) in TopLevelImport.In(module))
        {
            var source = import.IsFrom ? PythonImports.AbsoluteModule(module.Path, import) : null;
            var plain = new List<string>();
            foreach (var name in importNames)
            {
                var raw = import.IsFrom ? $"{source}.{name.Name}" : name.Name;
                if (!raw.StartsWith("prefect.", StringComparison.Ordinal) || !used.Contains(name.BoundName) || targetNames.Contains(raw))
                {
                    continue;
                }

                var canonical = PrefectSymbols.Canon(raw);
                if (IsTargetOnly(raw) || IsTargetOnly(canonical))
                {
                    continue;
                }

                if (PrefectSymbols.IsZeroFifteenOnly(raw))
                {
                    yield return Todo(import.Node, $"{raw} is a Prefect 0.15 name removed in 1.0 and absent from 2/3; use the reference's replacement for {canonical}");
                }
                else if (canonical.StartsWith("prefect.tasks.", StringComparison.Ordinal) && !canonical.StartsWith("prefect.tasks.control_flow", StringComparison.Ordinal))
                {
                    yield return Todo(import.Node, $"{name.Name} ({source}) is a Prefect 1 task-library class: {Replacement(context, canonical, column)}");
                }
                else if (IsPrefect1Only(context, canonical))
                {
                    var row = ImportRow(context, canonical);
                    var target = row?.Get(column);
                    if (row is null)
                    {
                        plain.Add(name.Name);
                        continue;
                    }

                    yield return Todo(import.Node, $"{name.Name} from {source} is Prefect 1 API with no {context.Options.Target} import" + (row.Get("note") is { } note ? $": {note}" : string.Empty) + (string.IsNullOrEmpty(target) ? string.Empty : $" (use {target.Replace(':', '.')})"));
                }
            }

            // Names of one import without a table row share one TODO (one line, not one per name).
            if (plain.Count > 0)
            {
                var hint = source is { } from && ModuleHints.FirstOrDefault(h => from == h.Module || from.StartsWith(h.Module + ".", StringComparison.Ordinal)).Hint is { } h ? $": {h}" : string.Empty;
                yield return Todo(import.Node, $"{string.Join(", ", plain)} from {source} {(plain.Count == 1 ? "is" : "are")} Prefect 1 API with no {context.Options.Target} import{hint}");
            }
        }
    }

    private static readonly ConditionalWeakTable<RulesetTables, ConcurrentDictionary<string, HashSet<string>>> TargetImportsCache = new();

    // What replaces a whole v1 module whose names have no rows of their own in the imports table.
    private static readonly (string Module, string Hint)[] ModuleHints =
    [
        ("prefect.engine.state", "2/3 states come from functions in prefect.states (Completed, Failed, Cancelled, Pending, Running, Paused, ...); test them with state.is_completed(), is_failed(), is_final() or state.name instead of isinstance (reference §6)"),
        ("prefect.utilities.notifications", "use an on_failure=[hook] whose hook(flow_or_task, run, state) calls SlackWebhook.load(\"<block>\").notify(...) from prefect.blocks.notifications, or a server-side automation (reference §8)"),
    ];

    // The target module when every name of a from-import has the same name there (per the imports table).
    // Only v1 utility modules: a same-named class elsewhere (IntervalSchedule) is a different API, converted by its own rule.
    private static string? Moved(RuleContext context, PythonModule module, ImportSyntax import)
    {
        if (import.Level != 0 || import.Module is not { } source || !source.StartsWith("prefect.utilities.", StringComparison.Ordinal) || import.Names.Count == 0)
        {
            return null;
        }

        var column = PrefectTarget.Column(context.Options);
        var targets = import.Names.Select(n => context.Tables["imports"].Find("v1", $"{source}:{n.Name}")?.Get(column) is { Length: > 0 } t && t.EndsWith(":" + n.Name, StringComparison.Ordinal) ? t[..t.IndexOf(':')] : null).Distinct().ToList();
        return targets is [{ } target] && target != source ? target : null;
    }

    // Target-side names the rules write (prefect.tasks.task_input_hash is 2.x API, not the v1 task library): read once per
    // ruleset's tables and column, not on every call of the rule.
    private static IReadOnlySet<string> TargetImports(RuleContext context, string column) =>
        TargetImportsCache.GetValue(context.Tables, static _ => new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal))
            .GetOrAdd(column, static (column, context) => ReadTargetImports(context, column), context);

    private static HashSet<string> ReadTargetImports(RuleContext context, string column)
    {
        var cells = context.Tables["imports"].Rows.Select(r => r.Get(column))
            .Concat(context.Tables["executors"].Rows.Select(r => r.Get($"{column}_import")))
            .Concat(context.Tables["cache_validators"].Rows.SelectMany(r => (r.Get($"{column}_imports") ?? string.Empty).Split('|')))
            .Concat(context.Tables["task_library"].Rows.Select(r => r.Get(column)));
        return cells.Where(c => !string.IsNullOrEmpty(c) && c.Contains(':')).Select(c => c!.Replace(':', '.')).ToHashSet(StringComparer.Ordinal);
    }

    private static List<TextSpan> Pending(PythonModule module)
    {
        var spans = new List<TextSpan>();
        foreach (var flow in FlowFunction.In(module))
        {
            foreach (var name in new[] { "schedule", "executor", "run_config", "storage" })
            {
                if (flow.DecoratorCall?.Keyword(name) is { } keyword)
                {
                    spans.Add(keyword.Node.Span);
                    if (ModuleNames.SingleUseDefinition(module, keyword.Value) is { } definition)
                    {
                        spans.Add(definition.Span);
                    }
                }
            }

            foreach (var statement in flow.ModuleStatements(module).Where(s => FlowFunction.Attribute(s) is "schedule" or "executor" or "run_config" or "storage" or "register"))
            {
                spans.Add(statement.Span);
                if (statement.Is("Assign") && ModuleNames.SingleUseDefinition(module, statement.Child("value")) is { } definition)
                {
                    spans.Add(definition.Span);
                }
            }
        }

        return spans;
    }

    private static bool Within(TextSpan span, List<TextSpan> spans)
    {
        foreach (var outer in spans)
        {
            if (outer.Start <= span.Start && span.End <= outer.End)
            {
                return true;
            }
        }

        return false;
    }

    private Finding Todo(SyntaxNode node, string text) =>
        new(Id, node.Span, text) { Todo = new ManualTodo(text, "reference/prefect.md §1, §3.3, §16, §20") };

    private static DataRow? ImportRow(RuleContext context, string canonical)
    {
        var dot = canonical.LastIndexOf('.');
        var key = $"{canonical[..dot]}:{canonical[(dot + 1)..]}";
        return context.Tables["imports"].Find("v1", key);
    }

    // 2/3 modules and names under a v1 module prefix (prefect.client, prefect.utilities, prefect.tasks, prefect.context):
    // already-migrated code and the names the conversions emit, never Prefect 1.
    private static bool IsTargetOnly(string name) => IsUnder(name, TargetOnly);

    private static readonly string[] TargetOnly = ["prefect.client.schemas", "prefect.client.orchestration", "prefect.utilities.annotations", "prefect.utilities.hashing",
        "prefect.tasks.task_input_hash", "prefect.tasks.exponential_backoff", "prefect.schedules.Cron", "prefect.schedules.Interval", "prefect.schedules.RRule", "prefect.context.get_run_context", "prefect.context.FlowRunContext", "prefect.context.TaskRunContext"];

    private static readonly string[] V1Modules = ["prefect.engine", "prefect.executors", "prefect.run_configs", "prefect.storage", "prefect.schedules", "prefect.triggers", "prefect.backend", "prefect.client", "prefect.core", "prefect.utilities", "prefect.tasks", "prefect.environments", "prefect.Parameter", "prefect.case", "prefect.merge", "prefect.Flow", "prefect.Task", "prefect.context", "prefect.Client", "prefect.apply_map", "prefect.flatten", "prefect.mapped", "prefect.resource_manager", "prefect.ifelse", "prefect.switch"];

    // name is one of the modules or below one (tested without building module + ".").
    private static bool IsUnder(string name, string[] modules)
    {
        foreach (var m in modules)
        {
            if (name.StartsWith(m, StringComparison.Ordinal) && (name.Length == m.Length || name[m.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    // A Prefect 1 name with no same-named import in the target (per the imports table, or a v1-only module).
    private static bool IsPrefect1Only(RuleContext context, string canonical)
    {
        if (IsTargetOnly(canonical))
        {
            return false;
        }

        if (canonical is "prefect.task" or "prefect.unmapped" or "prefect.tags" or "prefect.flow" or "prefect.get_run_logger" or "prefect.allow_failure")
        {
            return false;
        }

        if (ImportRow(context, canonical) is { } row)
        {
            var target = row.Get(PrefectTarget.Column(context.Options)) ?? string.Empty;
            var dot = canonical.LastIndexOf('.');
            return target != $"{canonical[..dot]}:{canonical[(dot + 1)..]}";
        }

        return IsUnder(canonical, V1Modules);
    }

    private static string Replacement(RuleContext context, string canonical, string column)
    {
        var dot = canonical.LastIndexOf('.');
        var row = context.Tables["task_library"].Find("v1", $"{canonical[..dot]}:{canonical[(dot + 1)..]}");
        // Deep imports (prefect.tasks.aws.s3.S3Download) find the package's row (prefect.tasks.aws:S3Download).
        for (var module = canonical[..dot]; row is null && module.Count(c => c == '.') > 2; module = module[..module.LastIndexOf('.')])
        {
            row = context.Tables["task_library"].Find("v1", $"{module[..module.LastIndexOf('.')]}:{canonical[(dot + 1)..]}");
        }

        if (row is null && canonical.StartsWith("prefect.tasks.prefect.", StringComparison.Ordinal))
        {
            return "a flow of flows: call the child @flow directly (a subflow) or run its deployment with prefect.deployments.run_deployment(\"<flow>/<deployment>\", parameters=...), which waits for the run by default (reference §17)";
        }

        if (row is null)
        {
            return "plain Python or the integration listed in reference §16 inside a @task";
        }

        var package = row.Get("package");
        var target = row.Get(column);
        return (string.IsNullOrEmpty(target) ? string.Empty : $"{target.Replace(':', '.')}; ") + row.Get("hint") + (string.IsNullOrEmpty(package) ? string.Empty : $" (pip install {package})");
    }
}
