using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Tasks;

/// <summary>
/// <c>class X(Task)</c> with <c>__init__</c> settings and a <c>run()</c> → one <c>@task def x(...)</c>
/// (reference §3.3), and its module-level instances <c>t = X(setting=v, name="t", max_retries=2)</c> →
/// <c>t = x.with_options(name="t", retries=2)</c> with the instance's settings passed as keywords at
/// each call of <c>t</c> — in the class's module and in every module importing the class. Classes the
/// conversion cannot express keep the leftover rule's TODO with the reason. <c>@resource_manager</c> classes
/// (setup/cleanup tasks in v1) become plain context managers.
/// </summary>
public abstract class TaskSubclassRule(string id) : PrefectRule(
    id, "task-subclass", "tasks", Safety.Review,
    "class X(Task) with run() → @task function; instances → with_options(...) and call keywords",
    "Prefect 2/3 tasks are decorated functions; subclassing prefect.Task is not a user pattern any more (reference/prefect.md §3.3).",
    "class Query(Task):\n    def __init__(self, db=\"w\", **kwargs): ...\n    @defaults_from_attrs(\"db\")\n    def run(self, sql, db=None): ...\nquery = Query(max_retries=2)\n→\n@task\ndef query_task(sql, db=\"w\"): ...\nquery = query_task.with_options(retries=2)")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        foreach (var finding in ResourceManagers.Find(Id, module, symbols))
        {
            yield return finding;
        }

        var edits = new List<TextEdit>();
        var consumed = new List<TextSpan>();
        var needs = new List<ImportNeed>();
        var notes = new List<string>();
        var todos = new List<string>();

        // 1. Classes defined here (converted below, once their instances are).
        var local = new Dictionary<string, TaskSubclass>(StringComparer.Ordinal);
        foreach (var statement in module.Body.Where(s => s.Is("ClassDef")))
        {
            if (TaskSubclass.Read(module, symbols, statement) is { Reason: null } subclass && !UsedOtherwise(module, subclass.Class.Name, statement)
                && !UsedElsewhere(context.Project, module, subclass.Class.Name))
            {
                local[subclass.Class.Name] = subclass;
            }
        }

        // 2. Classes imported from project modules.
        var imported = new Dictionary<string, TaskSubclass>(StringComparer.Ordinal);
        foreach (var statement in module.Body.Where(s => s.Is("ImportFrom")))
        {
            var import = new ImportSyntax(statement);
            if (PythonImports.AbsoluteModule(module.Path, import) is not { } source || source == "prefect" || source.StartsWith("prefect.", StringComparison.Ordinal)
                || context.Project.FindModule(source) is not { } other)
            {
                continue;
            }

            foreach (var name in import.Names)
            {
                if (TaskSubclass.Find(other, name.Name) is { Reason: null } subclass && !UsedOtherwise(other, name.Name, other.Body.First(s => s.Is("ClassDef") && s.Scalar("name") == name.Name))
                    && !UsedElsewhere(context.Project, other, name.Name))
                {
                    imported[name.BoundName] = subclass;
                    edits.Add(TextEdit.Replace(new TextSpan(name.Node.Span.Start, name.Node.Span.Start + name.Name.Length), subclass.FunctionName));
                    notes.Add($"{name.Name} is now the task {subclass.FunctionName}");
                }
            }
        }

        // 3. Module-level instances.
        var classes = local.Concat(imported).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var instances = new List<(string ClassName, List<TextEdit> Edits, string Note)>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        // An imported class renamed on import (`from x import Query as Q`) keeps its local name for the function.
        string FunctionNameOf(string className, TaskSubclass subclass) =>
            local.ContainsKey(className) ? subclass.FunctionName : imported.ContainsKey(className) && className != subclass.Class.Name ? className : subclass.FunctionName;
        foreach (var statement in module.Body.Where(s => s.Is("Assign")))
        {
            if (statement.Children("targets") is not [{ } target] || !target.Is("Name") || CallSyntax.From(statement.Child("value")) is not { } call
                || call.Function.DottedName() is not { } className || !classes.TryGetValue(className, out var subclass))
            {
                continue;
            }

            var instance = target.Scalar("id")!;
            var functionName = FunctionNameOf(className, subclass);
            if (Instance(context, module, call, instance, functionName, subclass, needs, todos) is { } instanceEdits)
            {
                instances.Add((className, instanceEdits, $"{instance} = {module.GetText(call.Function)}(...) → {functionName}"));
            }
            else
            {
                // The instance stays as it is, calling the class: a class defined here stays too.
                kept.Add(className);
            }
        }

        // Instances made and called at once: `X(setting=1)(data)` in a flow.
        foreach (var site in ModuleIndex.Of(module).Nodes("Call").Select(n => new CallSyntax(n)))
        {
            if (CallSyntax.From(site.Function) is not { } creation || creation.Function.DottedName() is not { } className || !classes.TryGetValue(className, out var subclass))
            {
                continue;
            }

            var functionName = FunctionNameOf(className, subclass);
            if (InlineInstance(context, module, creation, site, functionName, subclass, todos) is { } inlineEdits)
            {
                instances.Add((className, inlineEdits, $"{module.GetText(creation.Node)}(...) → {functionName}(...)"));
            }
            else
            {
                kept.Add(className);
            }
        }

        foreach (var (className, subclass) in local.Where(p => !kept.Contains(p.Key)))
        {
            var decorator = ImportEdits.IsBoundOtherwise(module, ImportNeed.Of("prefect", "task")) && !symbols.LocalNamesOf("prefect.task").Contains("task") ? "prefect.task" : "task";
            edits.Add(TextEdit.Replace(subclass.Class.Node.Span, subclass.FunctionText(decorator)));
            consumed.Add(subclass.Class.Node.Span);
            needs.Add(decorator == "task" ? ImportNeed.Of("prefect", "task") : ImportNeed.Module("prefect"));
            if (subclass.UsesLogger)
            {
                needs.Add(ImportNeed.Of("prefect", "get_run_logger"));
            }

            notes.Add($"{className} → @task {subclass.FunctionName}");
        }

        foreach (var (className, instanceEdits, note) in instances.Where(i => !(local.ContainsKey(i.ClassName) && kept.Contains(i.ClassName))))
        {
            edits.AddRange(instanceEdits);
            notes.Add(note);
        }

        if (edits.Count == 0)
        {
            yield break;
        }

        edits.AddRange(ImportEdits.Update(module, needs, consumed));
        var message = string.Join("; ", notes);
        yield return new Finding(Id, edits.Min(e => e.Span.Start) is var start && start < module.Text.Length ? new TextSpan(start, start) : module.Root.Span, message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = todos.Count == 0 ? null : new ManualTodo(string.Join("; ", todos), "reference/prefect.md §3.3"),
        };
    }

    // An instance: task options into with_options(...), settings into keywords at every call of it.
    private static List<TextEdit>? Instance(RuleContext context, PythonModule module, CallSyntax call, string instance, string functionName, TaskSubclass subclass,
        List<ImportNeed> needs, List<string> todos)
    {
        if (Split(context, module, call, instance, subclass, todos) is not { } split)
        {
            return null;
        }

        var (settings, options) = split;

        var edits = new List<TextEdit>
        {
            TextEdit.Replace(call.Node.Span, WithOptions(functionName, options)),
        };
        if (settings.Count == 0)
        {
            return edits;
        }

        foreach (var use in module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == instance && n.ParentField != "targets"))
        {
            var parent = use.Parent!;
            var isCall = parent.Is("Call") && use.ParentField == "func";
            var isMap = parent.Is("Attribute") && parent.Scalar("attr") == "map" && parent.Parent?.Is("Call") == true && parent.ParentField == "func";
            if (!isCall && !isMap)
            {
                todos.Add($"{instance} is used other than called (line {module.Lines.LineOf(use.Span.Start)}); its settings {string.Join(", ", settings.Select(s => $"{s.Name}={module.GetText(s.Value)}"))} must be passed wherever it is called");
                return null;
            }

            var site = new CallSyntax(isCall ? parent : parent.Parent!);
            foreach (var (name, value) in settings)
            {
                if (site.Keyword(name) is not null)
                {
                    continue;
                }

                var text = module.GetText(value);
                if (isMap && !(value.Is("Constant") && value.Scalar("vt") is "str" or "int" or "float" or "bool" or "none"))
                {
                    text = $"unmapped({text})";
                    needs.Add(ImportNeed.Of("prefect", "unmapped"));
                }

                edits.Add(CallEdits.AddKeyword(module, site, $"{name}={text}"));
            }
        }

        return edits;
    }

    // `X(1, b=2, max_retries=3)`: the settings __init__ takes (passed at each call of the task) and the task options (for
    // with_options); null, with a TODO, when an argument cannot be placed.
    private static (List<(string Name, SyntaxNode Value)> Settings, List<string> Options)? Split(RuleContext context, PythonModule module, CallSyntax call, string instance,
        TaskSubclass subclass, List<string> todos)
    {
        var settings = new List<(string Name, SyntaxNode Value)>();
        var options = new List<string>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i >= subclass.Config.Count || call.Arguments[i].Is("Starred"))
            {
                todos.Add($"{instance}: {module.GetText(call.Node)} passes positional arguments flowmigrate cannot place; pass them as keywords at each call of {instance}");
                return null;
            }

            settings.Add((subclass.Config[i].Name, call.Arguments[i]));
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null)
            {
                todos.Add($"{instance}: {module.GetText(keyword.Node)} cannot be split into task options and settings; convert the instance by hand");
                return null;
            }

            if (subclass.Config.Any(c => c.Name == keyword.Name))
            {
                settings.Add((keyword.Name, keyword.Value));
            }
            else if (TaskOption(module, keyword) is { } option)
            {
                options.Add(option);
            }
            else if (context.Tables["task_params"].Find("v1", keyword.Name) is not null)
            {
                // result=, target=, trigger=, state_handlers=…: the task-options rule converts them in with_options(...) as on @task(...).
                options.Add(module.GetText(keyword.Node));
            }
            else
            {
                todos.Add($"{instance}: task option {module.GetText(keyword.Node)} was dropped, it has no with_options(...) equivalent; see reference §3.1");
            }
        }

        return (settings, options);
    }

    // `X(settings, options)(arguments)`, an instance made and called at once (in a flow): the task, with its options, called with
    // the arguments and the settings.
    private static List<TextEdit>? InlineInstance(RuleContext context, PythonModule module, CallSyntax creation, CallSyntax site, string functionName, TaskSubclass subclass,
        List<string> todos)
    {
        if (Split(context, module, creation, module.GetText(creation.Node), subclass, todos) is not { } split)
        {
            return null;
        }

        var (settings, options) = split;

        var edits = new List<TextEdit>
        {
            TextEdit.Replace(creation.Node.Span, WithOptions(functionName, options)),
        };
        edits.AddRange(settings.Where(s => site.Keyword(s.Name) is null).Select(s => CallEdits.AddKeyword(module, site, $"{s.Name}={module.GetText(s.Value)}")));
        return edits;
    }

    // The task an instance stands for: the function, or the function with the instance's task options.
    private static string WithOptions(string functionName, List<string> options) =>
        options.Count == 0 ? functionName : $"{functionName}.with_options({string.Join(", ", options)})";

    private static string? TaskOption(PythonModule module, KeywordSyntax keyword)
    {
        var value = module.GetText(keyword.Value);
        return keyword.Name switch
        {
            "name" or "tags" or "cache_key_fn" => $"{keyword.Name}={value}",
            "max_retries" => $"retries={value}",
            "retry_delay" => $"retry_delay_seconds={Durations.SecondsSource(module, keyword.Value)}",
            "timeout" => $"timeout_seconds={Durations.SecondsSource(module, keyword.Value)}",
            "log_stdout" => $"log_prints={value}",
            _ => null,
        };
    }

    // A module of the project imports the class and uses it other than to create module-level instances.
    private static bool UsedElsewhere(ProjectModel project, PythonModule owner, string className)
    {
        var ownerName = ProjectModel.ModuleName(owner.Path);
        foreach (var other in project.Modules.Where(m => m.Path != owner.Path))
        {
            foreach (var import in other.Imports().Where(i => i.IsFrom))
            {
                if (PythonImports.AbsoluteModule(other.Path, import) == ownerName && import.Names.FirstOrDefault(n => n.Name == className) is { } name
                    && UsedOtherwise(other, name.BoundName, import.Node))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The class name appears other than as a call creating a module-level instance or an instance called at once (subclassed,
    // isinstance, passed around, or an instance kept in a variable inside an if or with block, which step 3 does not convert).
    private static bool UsedOtherwise(PythonModule module, string className, SyntaxNode? definition) =>
        module.Root.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == className
            && !(definition is not null && definition.Span.Start <= n.Span.Start && n.Span.End <= definition.Span.End)
            && !(n.ParentField == "func" && n.Parent?.Parent?.Is("Assign") == true && n.Parent.Parent.Parent?.Is("Module") == true)
            && !(n.ParentField == "func" && n.Parent?.ParentField == "func" && n.Parent.Parent?.Is("Call") == true));
}
