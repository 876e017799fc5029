using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Environment;

/// <summary>
/// FLY102: a module-level <c>t = ShellTask(name, script=..., inputs=kwtypes(...), output_locs=[OutputLocation(...)])</c> becomes a
/// <c>@task def t(...)</c> that fills the script's <c>{inputs.x}</c> / <c>{outputs.y}</c> placeholders as ShellTask did (files and
/// directories downloaded to their local paths, datetimes in ISO form), runs it with <c>subprocess.check_call(script, shell=True)</c>
/// and returns the output locations as files / directories. The later steps turn that task into an <c>@env.task</c>.
/// </summary>
public sealed class ShellTaskToTask : IRule
{
    private static readonly string[] ShellTaskNames = ["flytekit.extras.tasks.shell.ShellTask", "flytekit.extras.tasks.ShellTask"];

    // ShellTask keywords that are also @task parameters: they move to the decorator unchanged.
    private static readonly HashSet<string> TaskKeywords =
        ["container_image", "requests", "limits", "resources", "environment", "secret_requests", "retries", "timeout", "interruptible", "cache", "cache_version", "accelerator", "pod_template", "pod_template_name", "shared_memory"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY102",
        "shell-task-to-task",
        "environment",
        Safety.Review,
        "t = ShellTask(name, script=\"...\", inputs=kwtypes(...), output_locs=[OutputLocation(var, var_type, location)], debug=, shell=) → a task t(...) that fills {inputs.*}/{outputs.*} in the same script (files and directories as local paths, datetimes in ISO form), prints it when debug=True, runs it with subprocess.check_call(script, shell=True) and returns the output locations as files / directories; task parameters given to ShellTask (container_image, requests, retries…) move to the decorator. script_file, task_config, metadata and {ctx.*} placeholders keep the FLY590 TODO. echo = Echo(name, inputs={\"x\": float}) → a task echo(x: float) -> float that returns its inputs, as the echo plugin did.",
        "Flyte 2 has no ShellTask (flyte.extras.shell.create is a different API); a task that runs the script with subprocess is the plain equivalent (reference/flyte.md §14).",
        "t1 = ShellTask(name=\"t1\", script=\"wc -l {inputs.x} > {outputs.o}\", inputs=kwtypes(x=FlyteFile), output_locs=[OutputLocation(var=\"o\", var_type=FlyteFile, location=\"out.txt\")])  →  @task def t1(x: FlyteFile) -> FlyteFile: … subprocess.check_call(script, shell=True) …");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        if (!FlytekitCalls.MayMention(module, "ShellTask", "Echo"))
        {
            // Both names below end in one of these.
            yield break;
        }

        var bindings = Flytekit.Bindings(module);
        var importsAdded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in module.Body)
        {
            if (!statement.Is("Assign") || statement.Children("targets") is not [{ Kind: "Name" } target]
                || CallSyntax.From(statement.Child("value")) is not { } call)
            {
                continue;
            }

            if (Flytekit.Calls(call.Node, bindings, EchoTask.Names) && EchoTask.Function(module, target.Scalar("id")!, call) is { } echo)
            {
                var echoEdits = new List<TextEdit> { TextEdit.Replace(statement.Span, echo + Spacing(module, statement)) };
                if (importsAdded.Add("flytekit") && PythonImports.AddImport(module, "flytekit", "flytekit") is { } flytekit)
                {
                    echoEdits.Add(flytekit);
                }

                yield return new Finding(Descriptor.Id, statement.Span, $"Echo {target.Scalar("id")} → a task returning its inputs")
                {
                    Fix = new Fix(echoEdits, Safety.Review, "Echo returned its inputs as its outputs; Flyte 2 has no echo plugin"),
                };
                continue;
            }

            if (!Flytekit.Calls(call.Node, bindings, ShellTaskNames) || Function(module, bindings, target.Scalar("id")!, call) is not { } function)
            {
                continue;
            }

            var edits = new List<TextEdit> { TextEdit.Replace(statement.Span, function) };
            var needs = new List<string> { "subprocess", "types", "flytekit" };
            if (function.Contains("-> typing.Tuple[", StringComparison.Ordinal))
            {
                needs.Add("typing");
            }

            foreach (var needed in needs)
            {
                // One finding per pass adds a given import (two identical inserts would both apply).
                if (importsAdded.Add(needed) && PythonImports.AddImport(module, needed, "flytekit") is { } import)
                {
                    edits.Add(import);
                }
            }

            yield return new Finding(Descriptor.Id, statement.Span, $"ShellTask {target.Scalar("id")} → a task running the script with subprocess")
            {
                Fix = new Fix(edits, Safety.Review, "the same script, placeholders filled as ShellTask did, run with subprocess"),
            };
        }
    }

    // A def needs blank lines before the statement right below it (an assignment needed none): two, as between top-level defs.
    private static string Spacing(PythonModule module, SyntaxNode statement)
    {
        var line = module.Lines.LineOf(Math.Max(statement.Span.Start, statement.Span.End - 1));
        return line < module.Lines.LineCount && module.GetText(module.Lines.LineSpan(line + 1)).Trim().Length > 0
            ? module.NewLine + module.NewLine
            : string.Empty;
    }

    /// <summary>True when the module has a ShellTask this rule converts (FLY101 waits for it).</summary>
    internal static bool Converts(PythonModule module)
    {
        if (!module.Text.Contains("ShellTask", StringComparison.Ordinal) && !module.Text.Contains("Echo", StringComparison.Ordinal))
        {
            return false;
        }

        var bindings = Flytekit.Bindings(module);
        return module.Body.Any(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Name" } target]
            && CallSyntax.From(s.Child("value")) is { } call
            && (Flytekit.Calls(call.Node, bindings, ShellTaskNames) && Function(module, bindings, target.Scalar("id")!, call) is not null
                || Flytekit.Calls(call.Node, bindings, EchoTask.Names) && EchoTask.Function(module, target.Scalar("id")!, call) is not null));
    }

    // The def replacing `variable = ShellTask(...)`, or null when the call uses something this rule does not convert.
    private static string? Function(PythonModule module, IReadOnlyList<ImportBinding> bindings, string variable, CallSyntax call)
    {
        if (call.Arguments.Count > 1 || call.Keywords.Any(k => k.Name is null))
        {
            return null;
        }

        SyntaxNode? script = null, inputs = null, outputs = null, debug = null, shell = null;
        var decorator = new List<string>();
        foreach (var keyword in call.Keywords)
        {
            switch (keyword.Name)
            {
                case "name":
                    break;
                case "script":
                    script = keyword.Value;
                    break;
                case "inputs":
                    inputs = keyword.Value;
                    break;
                case "output_locs":
                    outputs = keyword.Value;
                    break;
                case "debug":
                    debug = keyword.Value;
                    break;
                case "shell":
                    shell = keyword.Value;
                    break;
                case { } name when TaskKeywords.Contains(name):
                    decorator.Add($"{name}={module.GetText(keyword.Value)}");
                    break;
                default:
                    return null;
            }
        }

        if (script is null || script.Is("JoinedStr") || module.GetText(script).Contains("{ctx.", StringComparison.Ordinal)
            || debug is not null && ConstantSyntax.From(debug) is not { ValueType: "bool" })
        {
            return null;
        }

        var parameters = Parameters(inputs);
        var locations = Locations(module, bindings, outputs);
        if (parameters is null || locations is null)
        {
            return null;
        }

        var nl = module.NewLine;
        var unit = SourceText.IndentUnit(module);
        var lines = new List<string>();
        foreach (var comment in SourceText.CommentsIn(module, call.Node.Span))
        {
            lines.Add(unit + comment.Text);
        }

        var namespaceArguments = parameters.Select(p => $"{p.Name}={p.Name}{Prepare(module, bindings, p.Type)}");
        lines.Add($"{unit}inputs = types.SimpleNamespace({string.Join(", ", namespaceArguments)})");
        lines.Add($"{unit}outputs = types.SimpleNamespace({string.Join(", ", locations.Select(l => $"{l.Var}={l.Location}.format(inputs=inputs)"))})");
        lines.Add($"{unit}script = {module.GetText(script)}.format(inputs=inputs, outputs=outputs)");
        if (debug is not null && ConstantSyntax.From(debug)!.Value == "True")
        {
            lines.Add($"{unit}print(script)");
        }

        lines.Add($"{unit}subprocess.check_call(script, shell=True{(shell is null ? string.Empty : $", executable={module.GetText(shell)}")})");
        var returned = locations.Select(l => $"{l.Type}(outputs.{l.Var})").ToList();
        var returns = locations.Count switch
        {
            0 => "None",
            1 => locations[0].Type,
            _ => $"typing.Tuple[{string.Join(", ", locations.Select(l => l.Type))}]",
        };
        if (returned.Count > 0)
        {
            lines.Add($"{unit}return {string.Join(", ", returned)}");
        }

        var taskDecorator = decorator.Count == 0 ? "@flytekit.task" : $"@flytekit.task({string.Join(", ", decorator)})";
        var signature = string.Join(", ", parameters.Select(p => $"{p.Name}: {module.GetText(p.Type)}"));
        return $"{taskDecorator}{nl}def {variable}({signature}) -> {returns}:{nl}{string.Join(nl, lines)}";
    }

    // kwtypes(a=T, ...) or {"a": T, ...} → (name, type text) in order; no inputs → empty.
    private static List<(string Name, SyntaxNode Type)>? Parameters(SyntaxNode? inputs)
    {
        if (inputs is null)
        {
            return [];
        }

        if (CallSyntax.From(inputs) is { FunctionName: "kwtypes" or "flytekit.kwtypes" } kwtypes && kwtypes.Arguments.Count == 0 && kwtypes.Keywords.All(k => k.Name is not null))
        {
            return kwtypes.Keywords.Select(k => (k.Name!, k.Value)).ToList();
        }

        if (inputs.Is("Dict") && inputs.Children("keys").All(k => ConstantSyntax.StringValue(k) is not null))
        {
            return inputs.Children("keys").Zip(inputs.Children("values")).Select(p => (ConstantSyntax.StringValue(p.First)!, p.Second)).ToList();
        }

        return null;
    }

    // [OutputLocation(var="o", var_type=FlyteFile, location="...")] → (var, type text, location text); only file and directory types, as ShellTask allowed.
    private static List<(string Var, string Type, string Location)>? Locations(PythonModule module, IReadOnlyList<ImportBinding> bindings, SyntaxNode? outputs)
    {
        if (outputs is null)
        {
            return [];
        }

        if (!outputs.Is("List"))
        {
            return null;
        }

        var result = new List<(string, string, string)>();
        foreach (var item in outputs.Children("elts"))
        {
            if (CallSyntax.From(item) is not { } location || !location.FunctionName!.EndsWith("OutputLocation", StringComparison.Ordinal))
            {
                return null;
            }

            SyntaxNode? Value(string name, int position) => location.Keyword(name)?.Value ?? location.Arguments.ElementAtOrDefault(position);
            var variable = ConstantSyntax.StringValue(Value("var", 0));
            var type = Value("var_type", 1);
            var path = Value("location", 2);
            if (variable is null || type is null || path is null || Kind(bindings, type) is null || path.Is("JoinedStr")
                || module.GetText(path).Contains("{ctx.", StringComparison.Ordinal) || module.GetText(path).Contains("{outputs.", StringComparison.Ordinal))
            {
                return null;
            }

            result.Add((variable, module.GetText(type), module.GetText(path)));
        }

        return result;
    }

    // How ShellTask wrote an input into the script: files and directories downloaded to their local path, datetimes in ISO form.
    private static string Prepare(PythonModule module, IReadOnlyList<ImportBinding> bindings, SyntaxNode type) =>
        Kind(bindings, type) is not null ? ".download()"
        : module.GetText(type) is "datetime" or "datetime.datetime" ? ".isoformat()"
        : string.Empty;

    // "file" / "directory" for a flytekit file or directory type, else null.
    private static string? Kind(IReadOnlyList<ImportBinding> bindings, SyntaxNode type)
    {
        var name = PythonImports.Resolve(type.Is("Subscript") ? type.Child("value") : type, bindings);
        return name switch
        {
            null => null,
            _ when name.StartsWith("flytekit.types.file", StringComparison.Ordinal) || name is "flytekit.FlyteFile" => "file",
            _ when name.StartsWith("flytekit.types.directory", StringComparison.Ordinal) || name is "flytekit.FlyteDirectory" => "directory",
            _ => null,
        };
    }
}
