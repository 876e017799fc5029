using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;
using Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

namespace Assistant.Rulesets.Prefect.Tasks;

/// <summary>
/// Task-library classes (<c>prefect.tasks.*</c>, reference §16) → a <c>@task</c> function written into the module
/// that does what the class's <c>run()</c> did with the library v1 used (<see cref="TaskLibraryTemplates"/>).
/// Instances <c>t = ShellTask(command="ls", max_retries=2)</c> → <c>t = shell_task.with_options(name="ShellTask", retries=2)</c>
/// (v1's default task name is the class name) with
/// the instance's settings passed as keywords at each call of <c>t</c> (run-time arguments still win); inline
/// <c>Cls(...)(...)</c> and <c>Cls(...).map(...)</c> call the function directly; an instance a flow passes as a
/// value (v1 ran it as an upstream task) is called once, before its first use in that flow. Task options the
/// target's <c>with_options</c> cannot take are removed with a TODO giving their value. A class used any other way
/// (subclassed, created inside a function) keeps the leftover rule's TODO.
/// </summary>
public abstract class TaskLibraryRule(string id) : PrefectRule(
    id, "task-library", "tasks", Safety.Review,
    "task-library classes (ShellTask, docker, GitHub, MySQL, GCS, Airtable, Jinja, ...) → @task functions doing what run() did",
    "prefect.tasks.* does not exist in 2/3; the function keeps every setting and the v1 behaviour (reference/prefect.md §16).",
    "t = ShellTask(command=\"ls\", max_retries=2)\n...\nt()\n→\n@task\ndef shell_task(command=None, ...): ...\nt = shell_task.with_options(name=\"ShellTask\", retries=2)\n...\nt(command=\"ls\")"), IPrefilteredRule
{
    // Every finding converts uses of a task-library class, whose name (the last part of what it resolves to) the source spells.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => TaskLibraryTemplates.All.Select(t => t.ClassName).Distinct(StringComparer.Ordinal).ToList();

    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        if (!symbols.Bound.Values.Any(v => v.StartsWith("prefect.tasks.", StringComparison.Ordinal) || v == "prefect" || v == "prefect.tasks"))
        {
            yield break;
        }

        var uses = new Dictionary<TaskLibraryTemplate, List<SyntaxNode>>();
        foreach (var (node, resolved) in symbols.ResolvedExpressions)
        {
            if (TaskLibraryTemplates.For(resolved) is { } template)
            {
                (uses.TryGetValue(template, out var list) ? list : uses[template] = []).Add(node);
            }
        }

        if (uses.Count == 0)
        {
            yield break;
        }

        var flows = FlowFunction.In(module);
        var edits = new List<TextEdit>();
        var consumed = new List<TextSpan>();
        var needs = new List<ImportNeed>();
        var notes = new List<string>();
        var todos = new List<(int Position, string Text)>();
        var functions = new List<string>();
        var taken = TopLevelNames(module);
        var decorator = ImportEdits.IsBoundOtherwise(module, ImportNeed.Of("prefect", "task")) && !symbols.LocalNamesOf("prefect.task").Contains("task") ? "prefect.task" : "task";
        foreach (var (template, nodes) in uses.OrderBy(p => p.Value[0].Span.Start))
        {
            var name = TaskSubclass.SnakeCase(template.ClassName.Replace("GitHub", "Github").Replace("MySQL", "Mysql"));
            while (taken.Contains(name) || Names.Reserved.Contains(name) || Names.Builtins.Contains(name))
            {
                name += "_task";
            }

            var plan = new TaskLibraryPlan(module, template, name, flows);
            if (!nodes.All(plan.Add))
            {
                continue;
            }

            if (template.SecretParameter is { } secret)
            {
                todos.Add((nodes.Min(n => n.Span.Start), SecretTodo(module, template, secret, nodes)));
            }

            taken.Add(name);
            edits.AddRange(plan.Edits);
            consumed.AddRange(nodes.Select(n => n.Span));
            needs.AddRange(plan.Needs);
            todos.AddRange(plan.Todos);
            functions.Add(template.FunctionText(decorator, name, module.NewLine));
            if (template.UsesLogger)
            {
                needs.Add(ImportNeed.Of("prefect", "get_run_logger"));
            }

            notes.Add($"{template.ClassName} → @task {name}");
        }

        if (functions.Count == 0)
        {
            yield break;
        }

        needs.Add(decorator == "task" ? ImportNeed.Of("prefect", "task") : ImportNeed.Module("prefect"));
        edits.Add(TextEdit.Insert(FunctionsPosition(module), module.NewLine + module.NewLine + string.Join(module.NewLine + module.NewLine, functions) + module.NewLine));
        edits.AddRange(ImportEdits.Update(module, needs, consumed));
        var message = string.Join("; ", notes);
        var at = todos.Count > 0 ? todos.Min(t => t.Position) : consumed.Min(s => s.Start);
        yield return new Finding(Id, new TextSpan(at, at), message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count == 0 ? null : new ManualTodo(string.Join("; ", todos.OrderBy(t => t.Position).Select(t => t.Text)), "reference/prefect.md §3.1, §16"),
        };
    }

    // The Secret blocks the function loads: the v1 secret names the constructions and calls pass, else the default.
    private static string SecretTodo(PythonModule module, TaskLibraryTemplate template, string parameter, List<SyntaxNode> uses)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var defaultName = template.Parameters.Select(p => p.Split('=', 2)).Where(p => p[0] == parameter).Select(p => p[1].Trim('"')).FirstOrDefault();
        foreach (var use in uses)
        {
            var construction = new CallSyntax(use.Parent!);
            var value = construction.Keyword(parameter)?.Value ?? (template.InitOrder.ToList().IndexOf(parameter) is var i && i >= 0 && i < construction.Arguments.Count ? construction.Arguments[i] : null);
            if (value is null && defaultName is not null)
            {
                names.Add(defaultName);
            }
            else if (ConstantSyntax.StringValue(value) is { } name)
            {
                names.Add(name);
            }
            else if (value is not null)
            {
                names.Add(module.GetText(value));
            }
        }

        return $"{template.ClassName} read the webhook from a Prefect secret: create the Secret block{(names.Count == 1 ? string.Empty : "s")} "
            + string.Join(", ", names.Select(n => $"\"{Names.BlockName(n)}\" (v1 secret {n})")) + " holding it, e.g. Secret(value=...).save(\"<name>\"), or pass webhook_url= at the call";
    }

    // After the last top-level import (the new functions need nothing defined later), or at the top.
    private static int FunctionsPosition(PythonModule module)
    {
        var last = module.Body.LastOrDefault(s => s.Kind is "Import" or "ImportFrom");
        return last is null ? 0 : module.Lines.LineEnd(module.Lines.LineOf(Math.Max(last.Span.Start, last.Span.End - 1)));
    }

    private static HashSet<string> TopLevelNames(PythonModule module)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in module.Body)
        {
            switch (statement.Kind)
            {
                case "FunctionDef" or "AsyncFunctionDef" or "ClassDef":
                    names.Add(statement.Scalar("name")!);
                    break;
                case "Import" or "ImportFrom":
                    names.UnionWith(new ImportSyntax(statement).Names.Select(n => n.BoundName));
                    break;
            }
        }

        // Names assigned anywhere (a flow's local of the same name would hide the function it calls).
        names.UnionWith(module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") == "Store").Select(n => n.Scalar("id")!));
        names.UnionWith(module.Root.Descendants().Where(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef").Select(n => n.Scalar("name")!));
        return names;
    }
}
