using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Environment;

/// <summary>FLY101: <c>@task(container_image=…, requests=…, …)</c> / <c>@workflow</c> / <c>@dynamic</c> / <c>@eager</c> → <c>flyte.TaskEnvironment</c> + <c>@env.task</c>.</summary>
public sealed partial class TaskConfigToEnvironment : IRule
{
    private const int MaxLineLength = 100;

    public RuleDescriptor Descriptor { get; } = new(
        "FLY101",
        "task-config-to-environment",
        "environment",
        Safety.Review,
        "Moves image, resources, env vars, secrets, pod templates and plugin configs from flytekit decorators to flyte.TaskEnvironment declarations (one per distinct configuration) and turns the decorators into @env.task.",
        "Flyte 2 sets image, resources, env vars and secrets only on the environment; tasks with different settings need different environments, and a driver calling another environment's tasks needs depends_on (reference/flyte.md §3).",
        "@task(requests=Resources(cpu=\"1\", mem=\"2Gi\"), limits=Resources(mem=\"4Gi\"))  →  env = flyte.TaskEnvironment(name=\"etl\", resources=flyte.Resources(cpu=\"1\", memory=(\"2Gi\", \"4Gi\"))) + @env.task");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        if (ShellTaskToTask.Converts(module))
        {
            // FLY102 turns the module's ShellTasks into tasks first; planning now would declare the environment twice.
            yield break;
        }

        var environments = EnvironmentPlan.For(module, context.Tables, context.Options, context.Project);
        if (environments.Count == 0)
        {
            foreach (var finding in MissingImageTodos(context))
            {
                yield return finding;
            }

            yield break;
        }

        var quote = SourceText.PreferredQuote(module);
        var unit = SourceText.IndentUnit(module);
        var newLine = module.NewLine;
        var defaultImage = ProjectImage.For(context.Options, context.Project, module.Path);
        var edits = new List<TextEdit>();
        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var imported = ImportedEnvironments(context);
        var dependsOn = DependsOn(environments, imported, imports);

        // Environments with settings first: the plain one may depend on them. All go above the first task, except one whose
        // settings read a name the module defines further down: it goes above its own first task (where the decorator read it).
        var firstFunction = environments.SelectMany(e => e.Functions).OrderBy(f => f.Decorator.Span.Start).First();
        var insertAt = AboveDecorator(module, firstFunction);
        var ordered = DeclarationOrder(environments, dependsOn);
        var firstBound = new Lazy<Dictionary<string, int>>(() => FirstBound(module), LazyThreadSafetyMode.None);
        var position = ordered.ToDictionary(e => e, e => LatePosition(module, e, insertAt, firstBound) ?? insertAt);
        var sequence = ordered.OrderBy(e => position[e]).ThenBy(ordered.IndexOf).ToList();
        var (direct, deferred) = SplitDependencies(sequence, dependsOn);
        var (unimaged, missingImage) = MissingImageTodo(module, sequence, defaultImage);
        foreach (var group in sequence.GroupBy(e => position[e]))
        {
            var declarations = group.Select((e, i) => (e == unimaged ? MissingImageMarker(module, group.Key, i, missingImage!) : string.Empty)
                + Declaration(e, direct[e], defaultImage, quote, unit, newLine)
                + (deferred.TryGetValue(e, out var added) ? newLine + string.Join(newLine, added) : string.Empty));
            edits.Add(TextEdit.Insert(group.Key, string.Join(newLine + newLine + newLine, declarations) + newLine + newLine + newLine));
        }
        foreach (var (statementAfter, text) in imports)
        {
            _ = statementAfter;
            edits.Add(TextEdit.Insert(int.Parse(statementAfter.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture), text));
        }

        var importFlyte = PythonImports.AddImport(module, "flyte", "flytekit");
        var importPathlib = defaultImage is { NeedsPathlib: true } && environments.Any(e => !e.First.Fields.Any(f => f.Field == "image"))
            ? PythonImports.AddImport(module, "pathlib", "flytekit")
            : null;
        if (importFlyte is not null || importPathlib is not null)
        {
            // Both go before the first flytekit import: one insert keeps them in a stable order.
            var at = (importFlyte ?? importPathlib)!.Span.Start;
            var text = (importFlyte?.NewText ?? string.Empty) + (importPathlib?.NewText ?? string.Empty);
            if (importFlyte is not null && importPathlib is not null && importFlyte.Span.Start != importPathlib.Span.Start)
            {
                edits.Add(importFlyte);
                edits.Add(importPathlib);
            }
            else
            {
                edits.Add(TextEdit.Insert(at, text));
            }
        }

        foreach (var plugin in environments.SelectMany(e => e.First.Fields).Select(f => f.Text)
                     .SelectMany(PluginModules.NamedIn)
                     .Distinct().Order(StringComparer.Ordinal))
        {
            if (PythonImports.AddImport(module, plugin, "flytekit") is { } importPlugin)
            {
                edits.Add(importPlugin);
            }
        }

        foreach (var environment in environments)
        {
            foreach (var function in environment.Functions)
            {
                edits.AddRange(RewriteDecorator(module, function, environment.Variable));
            }
        }

        var drivers = Drivers(context, environments, imported, unit, edits);
        var names = string.Join(", ", environments.Select(e => $"{e.Variable} ({e.Name})"));
        yield return new Finding(Descriptor.Id, firstFunction.Decorator.Span, $"task configuration moves to flyte.TaskEnvironment: {names}{drivers}")
        {
            Fix = new Fix(MergeInserts(edits), Safety.Review, $"declare {names}; decorators become @<env>.task{drivers}"),
        };

        foreach (var function in environments.SelectMany(e => e.Functions))
        {
            foreach (var note in function.Notes)
            {
                yield return new Finding(Descriptor.Id, function.Decorator.Span, note) { Todo = new ManualTodo(note, "reference/flyte.md §4") };
            }
        }
    }

    // Workflows became driver tasks. Sync (default): say which ran independent calls in parallel in Flyte 1. Async
    // (--driver async): make eligible drivers async, awaiting sync tasks through .aio and gathering independent calls.
    private static string Drivers(RuleContext context, IReadOnlyList<PlannedEnvironment> environments, Dictionary<string, RemoteEnvironment> importedEnvironments, string unit, List<TextEdit> edits)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var planned = environments.SelectMany(e => e.Functions).ToList();
        var workflows = planned.Where(f => f.Kind == "workflow").ToList();
        var imported = importedEnvironments.Keys.ToHashSet(StringComparer.Ordinal);
        if (context.Options.DriverStyle != "async")
        {
            var tasks = planned.Where(f => !f.Function.IsAsync).Select(f => f.Function.Name).Concat(imported).ToHashSet(StringComparer.Ordinal);
            var parallel = workflows.Select(w => (w.Function.Name, Runs: AsyncDriver.IndependentRuns(module, w.Function, tasks)))
                .Where(w => w.Runs.Count > 0)
                .Select(w => $"{w.Name} ({string.Join("; ", w.Runs.Select(r => string.Join(", ", r.Select(c => c.Call.FunctionName + "()"))))})")
                .ToList();
            return parallel.Count == 0
                ? string.Empty
                : $"; Flyte 1 ran the independent calls of {string.Join(", ", parallel)} in parallel, this sync driver runs them one after another (--driver async gathers them)";
        }

        var eligible = workflows.Where(w => AsyncDriver.Eligible(w.Function, bindings) && !CallsFlytekitObject(module, w.Function, bindings)).Select(w => w.Function.Name).ToHashSet(StringComparer.Ordinal);
        // Only async tasks may call async tasks: a driver called from one that stays sync stays sync too.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var caller in planned.Where(f => !f.Function.IsAsync && !eligible.Contains(f.Function.Name)))
            {
                var called = caller.Function.Node.Descendants().Where(n => n.Is("Call") && n.Child("func") is { Kind: "Name" }).Select(n => n.Child("func")!.Scalar("id")!);
                foreach (var name in called.Where(eligible.Contains).ToList())
                {
                    eligible.Remove(name);
                    changed = true;
                }
            }
        }

        var asyncTasks = planned.Where(f => f.Function.IsAsync || eligible.Contains(f.Function.Name)).Select(f => f.Function.Name).ToHashSet(StringComparer.Ordinal);
        var syncTasks = planned.Select(f => f.Function.Name).Where(n => !asyncTasks.Contains(n)).Concat(imported.Where(n => !asyncTasks.Contains(n))).ToHashSet(StringComparer.Ordinal);
        var usesAsyncio = false;
        foreach (var workflow in workflows.Where(w => eligible.Contains(w.Function.Name)))
        {
            edits.AddRange(AsyncDriver.Edits(module, workflow.Function, syncTasks, asyncTasks, unit, out var gathers));
            usesAsyncio |= gathers;
        }

        // Outside a run an async task returns a coroutine: python file.py ran the workflow, so run it with asyncio.run.
        // A bare call statement under __main__ is left to FLY520, which makes it flyte.run(...).
        var plain = module.Root.Descendants().Where(n => n.Is("Call") && n.Child("func") is { Kind: "Name" } f && eligible.Contains(f.Scalar("id")!)
            && !n.Ancestors().Any(a => a.Kind is "FunctionDef" or "AsyncFunctionDef" or "Lambda")
            && !(n.Parent is { Kind: "Expr" } && n.Ancestors().Any(IsMainBlock))
            && !(n.Parent is { Kind: "Call" } outer && outer.Child("func")?.DottedName() == "asyncio.run")).ToList();
        foreach (var call in plain)
        {
            edits.Add(TextEdit.Insert(call.Span.Start, "asyncio.run("));
            edits.Add(TextEdit.Insert(call.Span.End, ")"));
        }

        usesAsyncio |= plain.Count > 0;
        if (usesAsyncio && PythonImports.AddImport(module, "asyncio") is { } importAsyncio)
        {
            edits.Add(importAsyncio);
        }

        var kept = workflows.Where(w => !eligible.Contains(w.Function.Name)).Select(w => w.Function.Name).ToList();
        return (eligible.Count == 0 ? string.Empty : $"; async drivers: {string.Join(", ", eligible.Order(StringComparer.Ordinal))}")
            + (kept.Count == 0 ? string.Empty : $"; kept sync (they use constructs converted for sync code): {string.Join(", ", kept)}");
    }

    private static bool IsMainBlock(SyntaxNode node) =>
        node.Is("If") && node.Child("test") is { Kind: "Compare" } test && test.Child("left")?.DottedName() == "__name__";

    // Calls a module-level name bound to a flytekit object (a launch plan, a reference task…): not a task call.
    private static bool CallsFlytekitObject(PythonModule module, FunctionDefSyntax function, IReadOnlyList<ImportBinding> bindings)
    {
        var objects = module.Body.Select(AssignSyntax.From).Where(a => a?.Value is { } v && v.DescendantsAndSelf().Any(n => n.Is("Call") && PythonImports.Resolve(n.Child("func"), bindings) is not null))
            .SelectMany(a => a!.TargetNames).ToHashSet(StringComparer.Ordinal);
        return function.Node.Descendants().Any(n => n.Is("Call") && n.Child("func") is { Kind: "Name" } f && objects.Contains(f.Scalar("id")!));
    }

    // Several rules' inserts at one position (import flyte, import asyncio…) become one insert, in the order they were made.
    private static List<TextEdit> MergeInserts(List<TextEdit> edits)
    {
        var result = new List<TextEdit>();
        foreach (var edit in edits)
        {
            var index = edit.Span.Length == 0 ? result.FindIndex(e => e.Span.Length == 0 && e.Span.Start == edit.Span.Start) : -1;
            if (index >= 0)
            {
                result[index] = TextEdit.Insert(edit.Span.Start, result[index].NewText + edit.NewText);
            }
            else
            {
                result.Add(edit);
            }
        }

        return result;
    }

    private static int AboveDecorator(PythonModule module, PlannedFunction function) =>
        ListItems.WithCommentsAbove(module, module.Lines.LineSpan(module.Lines.LineOf(function.Decorator.Span.Start))).Start;

    // Where an environment must be declared when a name its settings read (an ImageSpec, a secret's key) is first bound
    // below the common insertion point: above its own first task, which read that name in Flyte 1. Null: with the others.
    private static int? LatePosition(PythonModule module, PlannedEnvironment environment, int insertAt, Lazy<Dictionary<string, int>> firstBound)
    {
        var latest = -1;
        var any = false;
        foreach (var field in environment.First.Fields)
        {
            foreach (System.Text.RegularExpressions.Match match in Identifier.Matches(StringLiteral.Replace(field.Text, "\"\"")))
            {
                any = true;
                if (firstBound.Value.TryGetValue(match.Value, out var start) && start > latest)
                {
                    latest = start;
                }
            }
        }

        if (!any)
        {
            // Nothing to find bound below: the environment goes with the others.
            return null;
        }

        var own = AboveDecorator(module, environment.Functions.OrderBy(f => f.Decorator.Span.Start).First());
        return latest >= insertAt && own > latest ? own : null;
    }

    // Every name the module binds at top level → the start of the first statement binding it (read once per pass).
    private static Dictionary<string, int> FirstBound(PythonModule module)
    {
        var bound = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in module.Body)
        {
            foreach (var name in BoundNames(statement))
            {
                bound.TryAdd(name, statement.Span.Start);
            }
        }

        return bound;
    }

    // Names a field's code reads (Identifier), once string literals are blanked out (StringLiteral). Generated at build
    // time: the interpreter spent most of LatePosition matching them.
    private static System.Text.RegularExpressions.Regex StringLiteral => StringLiteralPattern();

    private static System.Text.RegularExpressions.Regex Identifier => IdentifierPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"(""|')(?:\\.|(?!\1).)*\1")]
    private static partial System.Text.RegularExpressions.Regex StringLiteralPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*")]
    private static partial System.Text.RegularExpressions.Regex IdentifierPattern();

    private static IEnumerable<string> BoundNames(SyntaxNode statement) => statement.Kind switch
    {
        "Assign" => Flytekit.TargetNames(AssignSyntax.From(statement)!),
        "AnnAssign" when statement.Child("target") is { Kind: "Name" } target => [target.Scalar("id")!],
        "FunctionDef" or "AsyncFunctionDef" or "ClassDef" => [statement.Scalar("name")!],
        "Import" or "ImportFrom" => new ImportSyntax(statement).Names.Select(n => n.BoundName),
        _ => [],
    };

    // depends_on can only name environments declared above; one declared below is added with add_dependency after it.
    private static (Dictionary<PlannedEnvironment, IReadOnlyList<string>> Direct, Dictionary<PlannedEnvironment, List<string>> Deferred) SplitDependencies(
        List<PlannedEnvironment> sequence, Dictionary<PlannedEnvironment, IReadOnlyList<string>> dependsOn)
    {
        var byVariable = sequence.ToDictionary(e => e.Variable, StringComparer.Ordinal);
        var direct = new Dictionary<PlannedEnvironment, IReadOnlyList<string>>();
        var deferred = new Dictionary<PlannedEnvironment, List<string>>();
        foreach (var environment in sequence)
        {
            var now = new List<string>();
            foreach (var dependency in dependsOn[environment])
            {
                if (byVariable.TryGetValue(dependency, out var other) && sequence.IndexOf(other) > sequence.IndexOf(environment))
                {
                    (deferred.TryGetValue(other, out var list) ? list : deferred[other] = []).Add($"{environment.Variable}.add_dependency({dependency})");
                }
                else
                {
                    now.Add(dependency);
                }
            }

            direct[environment] = now;
        }

        return (direct, deferred);
    }

    // Environments with settings first, then the plain one; an environment is always declared after those it depends on.
    private static List<PlannedEnvironment> DeclarationOrder(IReadOnlyList<PlannedEnvironment> environments, Dictionary<PlannedEnvironment, IReadOnlyList<string>> dependsOn)
    {
        var pending = environments.OrderBy(e => e.First.Fields.Count == 0 ? 1 : 0).ThenBy(e => e.First.Function.Node.Span.Start).ToList();
        var ordered = new List<PlannedEnvironment>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(e => dependsOn[e].All(d => !pending.Any(p => p != e && p.Variable == d))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }

        return ordered;
    }

    private static IEnumerable<TextEdit> RewriteDecorator(PythonModule module, PlannedFunction function, string variable)
    {
        var decorator = function.Decorator;
        if (CallSyntax.From(decorator) is not { } call)
        {
            yield return TextEdit.Replace(decorator.Span, $"{variable}.task");
            yield break;
        }

        var items = CallArguments.Items(call);
        var kept = items.Where(i => !function.Moved.Any(m => ReferenceEquals(m.Node, i))).ToList();
        var commentsOutsideMoved = SourceText.CommentsIn(module, call.Node.Span).Any(c => !function.Comments.Contains(c.Text));
        if (kept.Count == 0 && !commentsOutsideMoved)
        {
            yield return TextEdit.Replace(decorator.Span, $"{variable}.task");
            yield break;
        }

        yield return TextEdit.Replace(call.Function.Span, $"{variable}.task");
        foreach (var edit in CallArguments.Remove(module, call, function.Moved.Select(m => m.Node)))
        {
            yield return edit;
        }
    }

    private static string Declaration(PlannedEnvironment environment, IReadOnlyList<string> dependsOn, ProjectImage? defaultImage, char quote, string unit, string newLine)
    {
        var fields = new List<(string Field, string Text)> { ("name", SourceText.Literal(quote, environment.Name)) };
        var configured = environment.First.Fields.ToList();
        if (!configured.Any(f => f.Field == "image") && defaultImage is not null)
        {
            configured.Insert(0, ("image", defaultImage.Expression(quote)));
        }

        fields.AddRange(configured);
        if (dependsOn.Count > 0)
        {
            fields.Add(("depends_on", "[" + string.Join(", ", dependsOn) + "]"));
        }

        var comments = environment.Functions.SelectMany(f => f.Comments).Distinct().ToList();
        var head = $"{environment.Variable} = flyte.TaskEnvironment(";
        var oneLine = head + string.Join(", ", fields.Select(f => $"{f.Field}={f.Text}")) + ")";
        if (comments.Count == 0 && oneLine.Length <= MaxLineLength && !oneLine.Contains('\n', StringComparison.Ordinal))
        {
            return oneLine;
        }

        var lines = new List<string> { head, $"{unit}{fields[0].Field}={fields[0].Text}," };
        lines.AddRange(comments.Select(c => unit + c));
        lines.AddRange(fields.Skip(1).Select(f => $"{unit}{f.Field}={f.Text},"));
        lines.Add(")");
        return string.Join(newLine, lines);
    }

    // Per environment: the variables of other environments whose tasks its functions reference.
    private static Dictionary<PlannedEnvironment, IReadOnlyList<string>> DependsOn(IReadOnlyList<PlannedEnvironment> environments, Dictionary<string, RemoteEnvironment> imported, SortedDictionary<string, string> imports)
    {
        var local = environments.SelectMany(e => e.Functions.Select(f => (f.Function.Name, e))).ToDictionary(p => p.Name, p => p.e, StringComparer.Ordinal);
        var result = new Dictionary<PlannedEnvironment, IReadOnlyList<string>>();
        foreach (var environment in environments)
        {
            var needed = new List<string>();
            foreach (var function in environment.Functions)
            {
                foreach (var name in function.Function.Body.SelectMany(s => s.DescendantsAndSelf()).Where(n => n.Is("Name") && n.Scalar("ctx") == "Load").Select(n => n.Scalar("id")!))
                {
                    if (local.TryGetValue(name, out var other) && other != environment)
                    {
                        needed.Add(other.Variable);
                    }
                    else if (imported.TryGetValue(name, out var remote))
                    {
                        needed.Add(remote.Alias);
                        imports[$"{remote.InsertAt:D9}|{remote.Alias}"] = remote.Statement;
                    }
                }
            }

            result[environment] = needed.Distinct().ToList();
        }

        return result;
    }

    private sealed record RemoteEnvironment(string Alias, int InsertAt, string Statement);

    // Tasks imported from other modules of the project → the environment variable they live in there.
    private static Dictionary<string, RemoteEnvironment> ImportedEnvironments(RuleContext context)
    {
        var module = context.Module;
        var result = new Dictionary<string, RemoteEnvironment>(StringComparer.Ordinal);
        foreach (var statement in module.Body.Where(s => s.Is("ImportFrom")))
        {
            var import = new ImportSyntax(statement);
            var target = PythonImports.AbsoluteModule(module.Path, import);
            if (target is null || context.Project.FindModule(target) is not { } other || other.Path == module.Path)
            {
                continue;
            }

            var environments = EnvironmentPlan.For(other, context.Tables, context.Options, context.Project);
            foreach (var name in import.Names)
            {
                var variable = environments.FirstOrDefault(e => e.Functions.Any(f => f.Function.Name == name.Name))?.Variable
                    ?? ConvertedEnvironment(other, name.Name);
                if (variable is null)
                {
                    continue;
                }

                var alias = $"{Flytekit.Slug(target.Split('.')[^1])}_{variable}";
                var from = new string('.', import.Level) + import.Module;
                var end = module.Lines.LineEnd(module.Lines.LineOf(Math.Max(statement.Span.Start, statement.Span.End - 1)));
                result[name.BoundName] = new RemoteEnvironment(alias, end, $"from {from} import {variable} as {alias}{module.NewLine}");
            }
        }

        return result;
    }


    // In an already converted module: the variable X of `@X.task` on the function, when X = flyte.TaskEnvironment(...).
    private static string? ConvertedEnvironment(PythonModule module, string function)
    {
        var definition = module.Body.Select(FunctionDefSyntax.From).FirstOrDefault(f => f?.Name == function);
        foreach (var decorator in definition?.Decorators ?? [])
        {
            var callee = decorator.Is("Call") ? decorator.Child("func") : decorator;
            if (AttributeSyntax.From(callee) is { Attribute: "task" } attribute && attribute.Value.DottedName() is { } variable && IsEnvironment(module, variable))
            {
                return variable;
            }
        }

        return null;
    }

    private static bool IsEnvironment(PythonModule module, string variable) =>
        module.Body.Select(AssignSyntax.From).Any(a => a is not null && Flytekit.TargetNames(a).Contains(variable)
            && (DottedNames.IsCallOf(a.Value, "flyte.TaskEnvironment") || DottedNames.IsCallOf(a.Value, "TaskEnvironment")));

    // The environment the missing-image TODO goes above once the declarations are in, and its text: what MissingImageTodos
    // says on the next pass, written by the fix itself so that pass finds nothing left to do. Null when that pass could say
    // it differently: the module declares environments already (they would be listed too), or imports no flytekit.
    private static (PlannedEnvironment? First, string? Text) MissingImageTodo(PythonModule module, List<PlannedEnvironment> sequence, ProjectImage? defaultImage)
    {
        if (defaultImage is not null || !Flytekit.IsImportedBy(module)
            || module.Body.Any(s => AssignSyntax.From(s) is { } assign && DottedNames.IsCallOf(assign.Value, "flyte.TaskEnvironment")))
        {
            return (null, null);
        }

        var unimaged = sequence.Where(e => !e.First.Fields.Any(f => f.Field == "image")).ToList();
        return unimaged.Count == 0 ? (null, null) : (unimaged[0], MissingImageText(string.Join(", ", unimaged.Select(e => e.Variable))));
    }

    // Above the first declaration of an insertion the lines above the insertion point decide (CreatedStatementTodo); above a
    // later one the blank lines after the declaration before it.
    private string MissingImageMarker(PythonModule module, int insertAt, int index, string text) =>
        index == 0 ? CreatedStatementTodo.Above(module, insertAt, Descriptor.Id, text) ?? string.Empty : TodoComment.Format(Descriptor.Id, text) + module.NewLine;

    private static string MissingImageText(string variables) =>
        $"no image for {variables}: the Flyte 1 tasks ran on the image passed to pyflyte --image or set in the Flyte config, which the project does not show; set image= to it (it must contain the flyte SDK), the default image lacks this module's dependencies";

    // Once converted: an environment without image runs on Flyte 2's default image, which lacks the module's dependencies.
    private IEnumerable<Finding> MissingImageTodos(RuleContext context)
    {
        var module = context.Module;
        if (!Flytekit.IsImportedBy(module))
        {
            yield break;
        }

        foreach (var finding in DockerfileTodos(context))
        {
            yield return finding;
        }

        var missing = module.Body
            .Where(s => AssignSyntax.From(s) is { } assign && DottedNames.IsCallOf(assign.Value, "flyte.TaskEnvironment") && CallSyntax.From(assign.Value) is { } call && call.Keyword("image") is null)
            .ToList();
        if (missing.Count > 0)
        {
            var variables = string.Join(", ", missing.SelectMany(s => Flytekit.TargetNames(AssignSyntax.From(s)!)));
            var text = MissingImageText(variables);
            yield return new Finding(Descriptor.Id, missing[0].Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §3.2") };
        }
    }

    // Once converted: the image built from the project's Dockerfile still installs flytekit, which convert and the
    // session leave alone (only modules are converted). Said once per Dockerfile, by the module Sayer picks.
    private IEnumerable<Finding> DockerfileTodos(RuleContext context)
    {
        var module = context.Module;
        var environment = module.Body.FirstOrDefault(s => AssignSyntax.From(s) is { } assign && DottedNames.IsCallOf(assign.Value, "flyte.TaskEnvironment") && CallSyntax.From(assign.Value) is { } call
            && call.Keyword("image") is { } image && module.GetText(image.Value).Contains("from_dockerfile(", StringComparison.Ordinal));
        if (environment is null || ProjectImage.For(context.Options, context.Project, module.Path)?.DockerfilePath(module.Path) is not { } dockerfile
            || DockerfileFlytekit.FirstInstall(context.Project, dockerfile) is not { } install || Sayer(context, dockerfile) != module.Path)
        {
            yield break;
        }

        var text = $"{DockerfileTodoStart(dockerfile)} not flyte (line {install.Line}: {install.Text}): make it install {Packages.FlyteRequirement} (and flyteplugins-* for plugins), or no task of this image can start (reference/flyte.md §10.1)";
        yield return new Finding(Descriptor.Id, environment.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §10.1") };
    }

    private static string DockerfileTodoStart(string dockerfile) => $"the image is built from {dockerfile}, which installs flytekit,";

    // The module that says a Dockerfile's TODO, as the project stood when the step began: one that says it already, else the
    // first, in path order, whose tasks this run moves onto the image built from it. A module converted before this run says
    // nothing: the run that converted it put the TODO on the first user then, which the project may no longer show (convert
    // reads only the files still importing flytekit, so a second run over its own output sees just the leftovers).
    private static string? Sayer(RuleContext context, string dockerfile)
    {
        var directory = dockerfile.Contains('/', StringComparison.Ordinal) ? dockerfile[..(dockerfile.LastIndexOf('/') + 1)] : string.Empty;
        var users = context.Project.Modules.Where(m => m.Path.StartsWith(directory, StringComparison.Ordinal))
            .Where(m => ProjectImage.For(context.Options, context.Project, m.Path)?.DockerfilePath(m.Path) == dockerfile)
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ToList();
        var said = $"# TODO(flowmigrate FLY101): {DockerfileTodoStart(dockerfile)}";
        return users.FirstOrDefault(m => m.Text.Contains(said, StringComparison.Ordinal))?.Path
            ?? users.FirstOrDefault(m => EnvironmentPlan.For(m, context.Tables, context.Options, context.Project).Any(e => !e.First.Fields.Any(f => f.Field == "image")))?.Path;
    }
}
