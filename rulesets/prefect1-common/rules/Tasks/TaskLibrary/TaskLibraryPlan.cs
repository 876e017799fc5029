using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// The edits that turn every use of one task-library class in a module into uses of its <c>@task</c> function
/// (see <see cref="TaskLibraryRule"/>). <see cref="Add"/> returns false for a use it cannot convert; the class is
/// then left alone.
/// </summary>
public sealed class TaskLibraryPlan(PythonModule module, TaskLibraryTemplate template, string functionName, IReadOnlyList<FlowFunction> flows)
{
    public List<TextEdit> Edits { get; } = [];

    public List<ImportNeed> Needs { get; } = [];

    public List<(int Position, string Text)> Todos { get; } = [];

    /// <summary>Plans one use of the class (the name or dotted attribute naming it).</summary>
    public bool Add(SyntaxNode use)
    {
        if (use.ParentField != "func" || use.Parent is not { } construction || !construction.Is("Call"))
        {
            return false;
        }

        var call = new CallSyntax(construction);
        if (Split(call) is not { } split)
        {
            return false;
        }

        // Each v1 instance was its own task, named after its class unless given a name: keep both.
        var options = split.Options.Any(o => o.StartsWith("name=", StringComparison.Ordinal)) ? split.Options : [$"name={Names.Quote(template.ClassName)}", .. split.Options];
        var replacement = $"{functionName}.with_options({string.Join(", ", options)})";
        var parent = construction.Parent;

        // Cls(...)(args)
        if (construction.ParentField == "func" && parent is not null && parent.Is("Call"))
        {
            Edits.Add(TextEdit.Replace(construction.Span, replacement));
            AddSettings(new CallSyntax(parent), split.Settings, mapped: false);
            return true;
        }

        // Cls(...).map(args)
        if (parent is not null && parent.Is("Attribute") && parent.Scalar("attr") == "map" && parent.ParentField == "func" && parent.Parent is { } map && map.Is("Call"))
        {
            Edits.Add(TextEdit.Replace(construction.Span, replacement));
            AddSettings(new CallSyntax(map), split.Settings, mapped: true);
            return true;
        }

        // instance = Cls(...) at module level, or in a function (v1 flow blocks often created their library tasks inside)
        if (construction.ParentField == "value" && parent is not null && parent.Is("Assign") && parent.Children("targets") is [{ } target] && target.Is("Name")
            && (SourceLines.IsModuleLevel(parent) ? module.Root : parent.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef")) is { } scope)
        {
            var instance = target.Scalar("id")!;
            if (!Instance(instance, parent, split.Settings, scope))
            {
                return false;
            }

            Edits.Add(TextEdit.Replace(construction.Span, replacement));
            return true;
        }

        return false;
    }

    private sealed record Construction(List<(string Name, SyntaxNode Value)> Settings, List<string> Options);

    // The constructor's arguments: settings (the function's parameters) and task options (with_options).
    private Construction? Split(CallSyntax call)
    {
        var settings = new List<(string Name, SyntaxNode Value)>();
        var options = new List<string>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i >= template.InitOrder.Count || call.Arguments[i].Is("Starred"))
            {
                return null;
            }

            settings.Add((template.InitOrder[i], call.Arguments[i]));
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null)
            {
                return null;
            }

            if (template.HasParameter(keyword.Name))
            {
                settings.Add((keyword.Name, keyword.Value));
            }
            else if (Option(keyword) is { } option)
            {
                options.Add(option);
            }
            else
            {
                var text = module.GetText(keyword.Node);
                Todos.Add((call.Node.Span.Start, keyword.Name == "trigger"
                    ? $"{template.ClassName}(...) {text} removed (with_options(...) has no trigger): " + (module.GetText(keyword.Value).Split('.')[^1] is "all_finished" or "always_run"
                        ? "this task must run even when its upstream tasks fail: submit them and pass their futures wrapped in allow_failure(...), or call it in a finally: block of the flow"
                        : "call the upstream tasks with return_state=True and call this task only when their states match the trigger (reference §7)")
                    : IsTaskOption(keyword.Name)
                    ? $"{template.ClassName}(...) {text}: with_options(...) has no {keyword.Name}; removed, see reference §3.1 for how to keep it"
                    : $"{template.ClassName}(...) {text}: not a {template.ClassName} argument in Prefect 1.4 (an older release's); removed, pass its value as the argument the function takes"));
            }
        }

        return new Construction(settings, options);
    }

    private string? Option(KeywordSyntax keyword)
    {
        var value = module.GetText(keyword.Value);
        return keyword.Name switch
        {
            "name" or "tags" => $"{keyword.Name}={value}",
            "max_retries" => $"retries={value}",
            "retry_delay" => $"retry_delay_seconds={Durations.SecondsSource(module, keyword.Value)}",
            "timeout" => $"timeout_seconds={Durations.SecondsSource(module, keyword.Value)}",
            "log_stdout" => $"log_prints={value}",
            _ => null,
        };
    }

    private static bool IsTaskOption(string name) => name is "slug" or "trigger" or "skip_on_upstream_skip" or "cache_for" or "cache_validator" or "cache_key"
        or "checkpoint" or "result" or "target" or "state_handlers" or "on_failure" or "nout" or "task_run_name";

    // Every use of the instance: calls and .map calls get the settings; a flow passing it as a value calls it first.
    private bool Instance(string instance, SyntaxNode assignment, List<(string Name, SyntaxNode Value)> settings, SyntaxNode scope)
    {
        var hoists = new Dictionary<SyntaxNode, List<SyntaxNode>>();
        foreach (var use in scope.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == instance && n.Scalar("ctx") == "Load"))
        {
            var parent = use.Parent!;
            if (parent.Is("Call") && use.ParentField == "func")
            {
                AddSettings(new CallSyntax(parent), settings, mapped: false);
            }
            else if (parent.Is("Attribute") && use.ParentField == "value")
            {
                if (parent.Scalar("attr") != "map" || parent.ParentField != "func" || parent.Parent?.Is("Call") != true)
                {
                    return false;
                }

                AddSettings(new CallSyntax(parent.Parent), settings, mapped: true);
            }
            else if (flows.FirstOrDefault(f => f.Function.Node.Span.Start <= use.Span.Start && use.Span.End <= f.Function.Node.Span.End) is { } flow)
            {
                (hoists.TryGetValue(flow.Function.Node, out var list) ? list : hoists[flow.Function.Node] = []).Add(use);
            }
        }

        // The instance rebound in its scope: its uses are not all this task.
        if (scope.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == instance && n.Scalar("ctx") == "Store" && n.Parent != assignment))
        {
            return false;
        }

        foreach (var (function, values) in hoists)
        {
            var result = ResultName(instance);
            var first = values.Min(v => v.Span.Start);
            var statement = new FunctionDefSyntax(function).Body.FirstOrDefault(s => s.Span.Start <= first && first < s.Span.End);
            if (statement is null)
            {
                return false;
            }

            var keywords = string.Join(", ", settings.Select(s => $"{s.Name}={module.GetText(s.Value)}"));
            var indent = SourceLines.IndentOf(module, statement.Span.Start);
            Edits.Add(TextEdit.Insert(module.Lines.LineStart(module.Lines.LineOf(statement.Span.Start)), $"{indent}{result} = {instance}({keywords}){module.NewLine}"));
            Edits.AddRange(values.Select(v => TextEdit.Replace(v.Span, result)));
        }

        return true;
    }

    // The value a call passes for the function's parameter, by position or keyword.
    private SyntaxNode? Argument(CallSyntax call, string parameter)
    {
        var index = template.ParameterNames.ToList().IndexOf(parameter);
        return call.Keyword(parameter)?.Value ?? (index >= 0 && index < call.Arguments.Count && !call.Arguments[index].Is("Starred") ? call.Arguments[index] : null);
    }

    private string ResultName(string instance) => Names.Unused(instance + "_result", ModuleIndex.Of(module).NameIds.Contains);

    // The settings a call does not pass itself become keywords of it (in .map, unmapped unless a plain constant).
    private void AddSettings(CallSyntax call, List<(string Name, SyntaxNode Value)> settings, bool mapped)
    {
        if (!mapped && template.AllowFailure is { } failing && Argument(call, failing) is { } argument && CallSyntax.From(argument)?.FunctionName != "allow_failure")
        {
            Edits.Add(TextEdit.Replace(argument.Span, $"allow_failure({module.GetText(argument)})"));
            Needs.Add(ImportNeed.Of("prefect", "allow_failure"));
        }

        var positional = template.ParameterNames.Take(call.Arguments.Count).ToHashSet(StringComparer.Ordinal);
        var keywords = new List<string>();
        foreach (var (name, value) in settings)
        {
            if (call.Keyword(name) is not null || positional.Contains(name) || call.Keywords.Any(k => k.Name is null))
            {
                continue;
            }

            var text = module.GetText(value);
            if (mapped && !(value.Is("Constant") && value.Scalar("vt") is "str" or "int" or "float" or "bool" or "none"))
            {
                text = $"unmapped({text})";
                Needs.Add(ImportNeed.Of("prefect", "unmapped"));
            }

            keywords.Add($"{name}={text}");
        }

        if (keywords.Count > 0)
        {
            Edits.Add(CallEdits.AddKeyword(module, call, string.Join(", ", keywords)));
        }
    }
}
