using System.Text;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>One configuration parameter of a Task subclass's <c>__init__</c> (it becomes a keyword parameter of the task function).</summary>
public sealed record TaskConfigParameter(string Name, string Text);

/// <summary>
/// A module-level <c>class X(Task)</c> read as the pieces reference §3.3 turns into one <c>@task</c> function:
/// <c>run()</c>'s arguments first, <c>__init__</c>'s configuration as keyword parameters (instance values
/// become call keywords), Task options from <c>super().__init__(...)</c> / <c>kwargs.setdefault(...)</c>
/// into the decorator, <c>self.attr</c> → a local, <c>self.logger</c> → <c>get_run_logger()</c>.
/// <see cref="Reason"/> says why a class cannot be converted automatically (it then keeps its TODO).
/// </summary>
public sealed class TaskSubclass
{
    private readonly List<(TextSpan Span, string Text)> _runReplacements = [];
    private readonly List<string> _initStatements = [];
    private readonly List<string> _parameters = [];
    private readonly List<string> _options = [];

    private TaskSubclass(PythonModule module, ClassDefSyntax cls)
    {
        Module = module;
        Class = cls;
        FunctionName = FunctionNameFor(module, cls.Name);
    }

    public PythonModule Module { get; }

    public ClassDefSyntax Class { get; }

    /// <summary>The task function's name: the class name in snake case.</summary>
    public string FunctionName { get; }

    /// <summary>Why the class is not converted automatically, or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>The <c>__init__</c> configuration parameters (names the instances pass as keywords).</summary>
    public List<TaskConfigParameter> Config { get; } = [];

    /// <summary>Does the function body call <c>get_run_logger()</c> (from <c>self.logger</c>)?</summary>
    public bool UsesLogger { get; private set; }

    /// <summary>The subclass at <paramref name="node"/>, or null when it does not subclass <c>prefect.Task</c>.</summary>
    public static TaskSubclass? Read(PythonModule module, PrefectSymbols symbols, SyntaxNode node)
    {
        if (ClassDefSyntax.From(node) is not { } cls || !cls.Bases.Any(b => symbols.Is(b, "prefect.Task")))
        {
            return null;
        }

        var subclass = new TaskSubclass(module, cls);
        subclass.Reason = subclass.Analyze(symbols);
        return subclass;
    }

    /// <summary>The subclass named <paramref name="className"/> at the top level of <paramref name="module"/>, if any.</summary>
    public static TaskSubclass? Find(PythonModule module, string className)
    {
        var node = module.Body.FirstOrDefault(s => s.Is("ClassDef") && s.Scalar("name") == className);
        return node is null ? null : Read(module, PrefectSymbols.Alone(module), node);
    }

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))) && name[i - 1] != '_')
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static string FunctionNameFor(PythonModule module, string className)
    {
        var candidate = SnakeCase(className);
        var taken = module.Body.SelectMany(TopLevelNames).ToHashSet(StringComparer.Ordinal);
        return taken.Contains(candidate) || Names.Reserved.Contains(candidate) || Names.Builtins.Contains(candidate) || !Names.IsIdentifier(candidate) ? candidate + "_task" : candidate;
    }

    private static IEnumerable<string> TopLevelNames(SyntaxNode statement) => statement.Kind switch
    {
        "FunctionDef" or "AsyncFunctionDef" or "ClassDef" => [statement.Scalar("name")!],
        "Assign" => statement.Children("targets").SelectMany(t => t.DescendantsAndSelf()).Where(n => n.Is("Name")).Select(n => n.Scalar("id")!),
        "AnnAssign" => statement.Child("target") is { } t && t.Is("Name") ? [t.Scalar("id")!] : [],
        "Import" or "ImportFrom" => new ImportSyntax(statement).Names.Select(n => n.BoundName),
        _ => [],
    };

    private string? Analyze(PrefectSymbols symbols)
    {
        var cls = Class;
        if (!SourceLines.IsModuleLevel(cls.Node))
        {
            return "the class is not at module level";
        }

        if (cls.Bases.Count != 1 || cls.Keywords.Count > 0 || cls.Decorators.Count > 0)
        {
            return "the class has other bases, keywords or decorators";
        }

        FunctionDefSyntax? init = null;
        FunctionDefSyntax? run = null;
        foreach (var statement in cls.Body)
        {
            if (IsDocstring(statement))
            {
                continue;
            }

            if (statement.Is("FunctionDef") && statement.Scalar("name") == "__init__")
            {
                init = new FunctionDefSyntax(statement);
            }
            else if (statement.Is("FunctionDef") && statement.Scalar("name") == "run")
            {
                run = new FunctionDefSyntax(statement);
            }
            else
            {
                return $"the class defines more than __init__ and run() ({Module.GetText(statement).Split('\n')[0].Trim()})";
            }
        }

        if (run is null)
        {
            return "the class has no run() method";
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (init is not null && ReadInit(init, attributes) is { } initReason)
        {
            return initReason;
        }

        return ReadRun(symbols, run, attributes);
    }

    private string? ReadInit(FunctionDefSyntax init, Dictionary<string, string> attributes)
    {
        var args = init.Parameters;
        if (args.Children("posonlyargs").Count > 0 || args.Child("vararg") is not null)
        {
            return "__init__ takes *args or positional-only parameters";
        }

        var positional = args.Children("args");
        var defaults = args.Children("defaults");
        var kwarg = args.Child("kwarg")?.Scalar("arg");
        for (var i = 1; i < positional.Count; i++)
        {
            var index = i - (positional.Count - defaults.Count);
            if (index < 0)
            {
                return $"__init__ parameter {positional[i].Scalar("arg")} has no default";
            }

            Config.Add(new TaskConfigParameter(positional[i].Scalar("arg")!, ParameterText(positional[i], defaults[index])));
        }

        var kwonly = args.Children("kwonlyargs");
        var kwDefaults = args.Children("kw_defaults");
        for (var i = 0; i < kwonly.Count; i++)
        {
            if (i >= kwDefaults.Count || kwDefaults[i].Is("Missing"))
            {
                return $"__init__ parameter {kwonly[i].Scalar("arg")} has no default";
            }

            Config.Add(new TaskConfigParameter(kwonly[i].Scalar("arg")!, ParameterText(kwonly[i], kwDefaults[i])));
        }

        var configNames = Config.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var statement in init.Body)
        {
            if (IsDocstring(statement))
            {
                continue;
            }

            var value = statement.Child("value");
            if (statement.Is("Assign") && statement.Children("targets") is [{ } target] && IsSelfAttribute(target, out var attribute) && value is not null)
            {
                if (value.Is("Name") && value.Scalar("id") == attribute && configNames.Contains(attribute))
                {
                    attributes[attribute] = attribute;
                    continue;
                }

                if (SelfUses(value).Any())
                {
                    return $"self.{attribute} is computed from other attributes";
                }

                attributes[attribute] = attribute;
                _initStatements.Add($"{attribute} = {Module.GetText(value)}");
                continue;
            }

            if (statement.Is("Expr") && CallSyntax.From(value) is { } call)
            {
                if (kwarg is not null && call.Function.DottedName() == $"{kwarg}.setdefault" && call.Arguments.Count == 2 && ConstantSyntax.StringValue(call.Arguments[0]) is { } option)
                {
                    _options.Add($"{option}={Module.GetText(call.Arguments[1])}");
                    continue;
                }

                if (IsSuperInit(call))
                {
                    foreach (var keyword in call.Keywords)
                    {
                        if (keyword.Name is null)
                        {
                            if (kwarg is null || keyword.Value.DottedName() != kwarg)
                            {
                                return "super().__init__ receives a spread other than **kwargs";
                            }

                            continue;
                        }

                        _options.Add($"{keyword.Name}={Module.GetText(keyword.Value)}");
                    }

                    if (call.Arguments.Count > 0)
                    {
                        return "super().__init__ receives positional arguments";
                    }

                    continue;
                }
            }

            return $"__init__ does more than store settings ({Module.GetText(statement).Split('\n')[0].Trim()})";
        }

        return null;
    }

    private string? ReadRun(PrefectSymbols symbols, FunctionDefSyntax run, Dictionary<string, string> attributes)
    {
        var args = run.Parameters;
        if (args.Children("posonlyargs").Count > 0 || args.Child("vararg") is not null || args.Child("kwarg") is not null)
        {
            return "run() takes *args/**kwargs or positional-only parameters";
        }

        var fromAttributes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decorator in run.Decorators)
        {
            if (CallSyntax.From(decorator) is { } call && symbols.Is(call.Function, "prefect.utilities.tasks.defaults_from_attrs"))
            {
                fromAttributes.UnionWith(call.Arguments.Select(ConstantSyntax.StringValue).OfType<string>());
                continue;
            }

            return $"run() has the decorator {Module.GetText(decorator)}";
        }

        var positional = args.Children("args");
        var defaults = args.Children("defaults");
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < positional.Count; i++)
        {
            var index = i - (positional.Count - defaults.Count);
            var name = positional[i].Scalar("arg")!;
            if (AddRunParameter(positional[i], index < 0 ? null : defaults[index], name, fromAttributes, attributes, used) is { } reason)
            {
                return reason;
            }
        }

        var kwonly = args.Children("kwonlyargs");
        var kwDefaults = args.Children("kw_defaults");
        if (kwonly.Count > 0)
        {
            _parameters.Add("*");
        }

        foreach (var (arg, i) in kwonly.Select((a, i) => (a, i)))
        {
            if (AddRunParameter(arg, kwDefaults[i].Is("Missing") ? null : kwDefaults[i], arg.Scalar("arg")!, fromAttributes, attributes, used) is { } reason)
            {
                return reason;
            }
        }

        foreach (var config in Config.Where(c => !used.Contains(c.Name)))
        {
            if (positional.Skip(1).Concat(kwonly).Any(a => a.Scalar("arg") == config.Name))
            {
                return $"run() and __init__ both take {config.Name}";
            }

            _parameters.Add(config.Text);
        }

        if (attributes.Keys.FirstOrDefault(a => !Config.Any(c => c.Name == a) && positional.Skip(1).Concat(kwonly).Any(p => p.Scalar("arg") == a)) is { } clash)
        {
            return $"self.{clash} and the run() parameter {clash} would share one name";
        }

        foreach (var use in SelfUses(run.Node))
        {
            var parent = use.Parent;
            if (parent is null || !parent.Is("Attribute") || parent.ParentField == "targets")
            {
                return "run() uses self other than reading attributes";
            }

            var attribute = parent.Scalar("attr")!;
            if (attribute == "logger")
            {
                UsesLogger = true;
                _runReplacements.Add((parent.Span, "get_run_logger()"));
            }
            else if (attributes.ContainsKey(attribute))
            {
                _runReplacements.Add((parent.Span, attribute));
            }
            else
            {
                return $"run() reads self.{attribute}, which __init__ does not set";
            }
        }

        if (run.Body.Count == 0 || Module.Lines.LineOf(run.Body[0].Span.Start) == Module.Lines.LineOf(run.Node.Span.Start))
        {
            return "run() is written on one line";
        }

        _run = run;
        return null;
    }

    private string? AddRunParameter(SyntaxNode arg, SyntaxNode? defaultValue, string name, HashSet<string> fromAttributes, Dictionary<string, string> attributes, HashSet<string> used)
    {
        if (fromAttributes.Contains(name))
        {
            if (Config.FirstOrDefault(c => c.Name == name) is not { } config || !attributes.TryGetValue(name, out _) || _initStatements.Any(s => s.StartsWith(name + " = ", StringComparison.Ordinal)))
            {
                return $"defaults_from_attrs(\"{name}\") reads an attribute that is not a plain __init__ parameter";
            }

            // The instance's value is the default: the run() annotation, the __init__ default.
            used.Add(name);
            var annotation = arg.Child("annotation") is { } a ? $": {Module.GetText(a)}" : string.Empty;
            var initDefault = config.Text[(config.Text.IndexOf('=') + 1)..].Trim();
            _parameters.Add($"{name}{annotation} = {initDefault}");
            return null;
        }

        _parameters.Add(ParameterText(arg, defaultValue));
        return null;
    }

    private FunctionDefSyntax? _run;

    /// <summary>The <c>@task</c> function replacing the class (only when <see cref="Reason"/> is null).</summary>
    public string FunctionText(string taskDecorator)
    {
        var run = _run!;
        var nl = Module.NewLine;
        var classIndent = SourceLines.IndentOf(Module, Class.Node.Span.Start);
        var runIndent = SourceLines.IndentOf(Module, run.Node.Span.Start);
        var removeWidth = Math.Max(0, runIndent.Length - classIndent.Length);
        var bodyStart = Module.Lines.LineStart(Module.Lines.LineOf(HeaderEnd(run)) + 1);
        var innerIndent = SourceLines.IndentOf(Module, run.Body[0].Span.Start);
        innerIndent = innerIndent.Length >= removeWidth ? innerIndent[removeWidth..] : innerIndent;
        var builder = new StringBuilder();
        // v1 named a task after its class unless told otherwise (Task.__init__: `self.name = name or type(self).__name__`); the
        // function keeps that name for its runs (an instance's own name= still goes to with_options).
        var options = _options.Any(o => o.StartsWith("name=", StringComparison.Ordinal)) ? _options : _options.Prepend($"name=\"{Class.Name}\"");
        builder.Append(classIndent).Append('@').Append(taskDecorator).Append('(').Append(string.Join(", ", options)).Append(')');

        builder.Append(nl).Append(classIndent).Append("def ").Append(FunctionName).Append('(').Append(string.Join(", ", _parameters)).Append(')');
        if (run.Returns is { } returns)
        {
            builder.Append(" -> ").Append(Module.GetText(returns));
        }

        builder.Append(':').Append(nl);
        var split = bodyStart;
        if (IsDocstring(run.Body[0]))
        {
            split = Module.Lines.LineEnd(Module.Lines.LineOf(run.Body[0].Span.End - 1));
            builder.Append(Dedent(Module.Text[bodyStart..split], removeWidth));
        }
        else if (Class.Body.FirstOrDefault(IsDocstring) is { } docstring)
        {
            builder.Append(innerIndent).Append(Module.GetText(docstring)).Append(nl);
        }

        foreach (var statement in _initStatements)
        {
            builder.Append(innerIndent).Append(statement).Append(nl);
        }

        var body = new StringBuilder(Module.Text[split..run.Node.Span.End]);
        foreach (var (span, text) in _runReplacements.Where(r => r.Span.Start >= split).OrderByDescending(r => r.Span.Start))
        {
            body.Remove(span.Start - split, span.Length).Insert(span.Start - split, text);
        }

        builder.Append(Dedent(body.ToString(), removeWidth));
        return builder.ToString();
    }

    private int HeaderEnd(FunctionDefSyntax run)
    {
        var after = run.Returns?.Span.End ?? Module.Text.IndexOf(')', run.Parameters.Span.End);
        return Module.Text.IndexOf(':', after);
    }

    private static string Dedent(string text, int width)
    {
        if (width == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var strip = 0;
            while (strip < width && strip < line.Length && line[strip] is ' ' or '\t')
            {
                strip++;
            }

            lines[i] = line[strip..];
        }

        return string.Join('\n', lines);
    }

    private string ParameterText(SyntaxNode arg, SyntaxNode? defaultValue)
    {
        var text = Module.GetText(arg);
        return defaultValue is null ? text : arg.Child("annotation") is null ? $"{text}={Module.GetText(defaultValue)}" : $"{text} = {Module.GetText(defaultValue)}";
    }

    private static bool IsDocstring(SyntaxNode statement) =>
        statement.Is("Expr") && statement.Child("value") is { } v && v.Is("Constant") && v.Scalar("vt") == "str";

    private static bool IsSelfAttribute(SyntaxNode node, out string attribute)
    {
        attribute = node.Scalar("attr") ?? string.Empty;
        return node.Is("Attribute") && node.Child("value") is { } v && v.Is("Name") && v.Scalar("id") == "self";
    }

    private static IEnumerable<SyntaxNode> SelfUses(SyntaxNode root) =>
        root.DescendantsAndSelf().Where(n => n.Is("Name") && n.Scalar("id") == "self");

    private static bool IsSuperInit(CallSyntax call) =>
        call.Function.Is("Attribute") && call.Function.Scalar("attr") == "__init__"
        && CallSyntax.From(call.Function.Child("value")) is { } inner && inner.FunctionName == "super";
}
