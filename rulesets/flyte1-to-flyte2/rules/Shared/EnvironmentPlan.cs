using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>One flytekit-decorated function and the environment-level settings taken from its decorator.</summary>
internal sealed record PlannedFunction(FunctionDefSyntax Function, SyntaxNode Decorator, string Kind, IReadOnlyList<KeywordSyntax> Moved, IReadOnlyList<(string Field, string Text)> Fields, IReadOnlyList<string> Comments, IReadOnlyList<string> Notes)
{
    public string Key => string.Join("\u0001", Fields.Select(f => f.Field + "=" + WithoutWhitespace(f.Text)));

    // What Regex.Replace(text, @"\s+", "") gives: regex \s is exactly char.IsWhiteSpace.
    private static string WithoutWhitespace(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary>Tasks sharing one configuration, hence one <c>flyte.TaskEnvironment</c>.</summary>
internal sealed record PlannedEnvironment(string Name, string Variable, IReadOnlyList<PlannedFunction> Functions)
{
    public PlannedFunction First => Functions[0];

    // Each plan makes its environments once, each with its own list of functions, so value equality was identity
    // already; identity is what the rules key their dictionaries by, without hashing names on every lookup.
    public bool Equals(PlannedEnvironment? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
}

/// <summary>
/// Groups the flytekit tasks of a module by identical environment-level configuration (image, resources,
/// env vars, secrets, pod template, plugin config) and names the environments deterministically: the
/// group without settings is <c>env</c> named after the module's dotted path (<c>pkg-mod</c>); every other
/// group is <c>&lt;first task&gt;_env</c> named <c>pkg-mod-&lt;first task&gt;</c> (reference/flyte.md §3.2, gotcha 4).
/// </summary>
internal static partial class EnvironmentPlan
{
    private static readonly string[] FieldOrder = ["image", "resources", "env_vars", "secrets", "pod_template", "plugin_config"];

    // FLY101 plans a module once per pass and plans the modules it imports tasks from on every pass of theirs: the
    // plan depends only on the (immutable) module and the tables, so it is made once per module and tables and kept
    // with the module (the last tables asked for and their plan).
    private static readonly object PlansKey = new();

    public static IReadOnlyList<PlannedEnvironment> For(PythonModule module, RulesetTables tables, RuleOptions options, ProjectModel project)
    {
        var slot = module.Fact(PlansKey, static _ => new PlanSlot());
        if (slot.Last is { } cached && ReferenceEquals(cached.Tables, tables))
        {
            return cached.Plan;
        }

        var planned = Compute(module, tables);
        slot.Last = new TablesPlan(tables, planned);
        return planned;
    }

    private sealed record TablesPlan(RulesetTables Tables, IReadOnlyList<PlannedEnvironment> Plan);

    private sealed class PlanSlot
    {
        private TablesPlan? _last;

        public TablesPlan? Last
        {
            get => Volatile.Read(ref _last);
            set => Volatile.Write(ref _last, value);
        }
    }

    private static IReadOnlyList<PlannedEnvironment> Compute(PythonModule module, RulesetTables tables)
    {
        var bindings = Flytekit.Bindings(module);
        var functions = Flytekit.DecoratedFunctions(module, bindings).Select(f => Plan(module, bindings, tables, f.Function, f.Decorator, f.Kind)).ToList();
        if (functions.Count == 0)
        {
            return [];
        }

        var groups = functions.GroupBy(f => f.Key).Select(g => g.ToList()).ToList();
        var baseName = Flytekit.EnvironmentName(module.Path);
        var environments = new List<PlannedEnvironment>();
        foreach (var group in groups)
        {
            var plain = group[0].Fields.Count == 0;
            var first = Flytekit.Slug(group[0].Function.Name);
            environments.Add(plain
                ? new PlannedEnvironment(baseName, "env", group)
                : new PlannedEnvironment($"{baseName}-{first}", $"{first}_env", group));
        }

        return environments;
    }

    private static PlannedFunction Plan(PythonModule module, IReadOnlyList<ImportBinding> bindings, RulesetTables tables, FunctionDefSyntax function, SyntaxNode decorator, string kind)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var moved = new List<KeywordSyntax>();
        var comments = new List<string>();
        var notes = new List<string>();
        if (CallSyntax.From(decorator) is not { } call)
        {
            return new PlannedFunction(function, decorator, kind, moved, [], comments, notes);
        }

        var byName = call.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, StringComparer.Ordinal);
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is not { } name || tables["task-params"].Find("old", name) is not { } row || row.Get("action") != "env")
            {
                continue;
            }

            moved.Add(keyword);
            var span = SourceText.WholeLines(module, keyword.Node.Span) is { } lines ? ListItems.WithCommentsAbove(module, lines) : keyword.Node.Span;
            // A plugin config or pod template moves as its text, the comments inside it included: those stay where they are.
            var carried = name is "task_config" or "pod_template" ? keyword.Value.Span : default;
            comments.AddRange(SourceText.CommentsIn(module, span).Where(c => !carried.Contains(c.Span.Start)).Select(c => c.Text));
        }

        SyntaxNode? Value(string name) => byName.GetValueOrDefault(name)?.Value;
        if (Value("container_image") is { } image)
        {
            fields["image"] = ImageText(module, image);
        }

        if (Value("requests") is not null || Value("limits") is not null || Value("resources") is not null || Value("accelerator") is not null || Value("shared_memory") is not null)
        {
            var builder = new ResourcesText(module, bindings, tables);
            fields["resources"] = builder.BuildOrTake(Value("requests"), Value("limits"), Value("resources"), Value("accelerator"), Value("shared_memory"));
            notes.AddRange(builder.Notes);
        }

        if (Value("environment") is { } environment)
        {
            fields["env_vars"] = module.GetText(environment);
        }

        if (Value("secret_requests") is { } secrets)
        {
            var builder = new SecretsText(module, bindings);
            fields["secrets"] = builder.Build(secrets);
            notes.AddRange(builder.Notes);
        }

        if (Value("pod_template") is { } podTemplate)
        {
            fields["pod_template"] = Flytekit.RenamedText(module, podTemplate, bindings, tables);
        }
        else if (Value("pod_template_name") is { } podTemplateName)
        {
            fields["pod_template"] = module.GetText(podTemplateName);
        }

        if (Value("task_config") is { } taskConfig)
        {
            // Pod(pod_spec, primary_container_name) is no plugin in Flyte 2: it is the environment's pod template.
            var isPod = CallSyntax.From(taskConfig) is { } configCall && PythonImports.Resolve(configCall.Function, bindings) is { } configName
                && tables["plugins"].Find("old", configName)?.Get("new") == "flyte.PodTemplate";
            if (isPod && !fields.ContainsKey("pod_template"))
            {
                fields["pod_template"] = PluginText(module, taskConfig, bindings, tables, notes);
            }
            else
            {
                fields["plugin_config"] = PluginText(module, taskConfig, bindings, tables, notes);
            }
        }

        var ordered = FieldOrder.Where(fields.ContainsKey).Select(f => (f, fields[f])).ToList();
        return new PlannedFunction(function, decorator, kind, moved, ordered, comments.Distinct().ToList(), notes);
    }

    private static string ImageText(PythonModule module, SyntaxNode image)
    {
        if (ConstantSyntax.StringValue(image) is { } text && ImageReference().Match(text) is { Success: true } reference)
        {
            return $"flyte.Image.from_ref_name({SourceText.Literal(SourceText.PreferredQuote(module), reference.Groups[1].Value)})";
        }

        return module.GetText(image);
    }

    // An image given by its reference name: a text that starts with "{{ .image.NAME.fqn }}".
    [GeneratedRegex(@"^\{\{\s*\.image\.([A-Za-z0-9_-]+)\.fqn\s*\}\}")]
    private static partial Regex ImageReference();

    // The plugin config rewritten for Flyte 2: its flytekitplugins classes renamed (plugins), and the keywords their Flyte 2
    // classes take differently converted (plugin-params). A flytekitplugins name without a Flyte 2 class leaves a TODO; the
    // other names in it (flytekit's Resources, PodTemplate, …) are the other rules' business.
    internal static string PluginText(PythonModule module, SyntaxNode config, IReadOnlyList<ImportBinding> bindings, RulesetTables tables, List<string> notes)
    {
        var edits = new List<TextEdit>();
        var rewritten = new List<TextSpan>();
        foreach (var call in config.DescendantsAndSelf().Where(n => n.Is("Call")).Select(n => new CallSyntax(n)))
        {
            if (PythonImports.Resolve(call.Function, bindings) is { } name && tables["plugin-params"].Rows.Where(r => r.Require("class") == name).ToList() is { Count: > 0 } rows)
            {
                KeywordEdits(module, call, name, rows, bindings, tables, edits, rewritten, notes);
            }
        }

        var mapped = 0;
        var missing = false;
        foreach (var candidate in config.DescendantsAndSelf(n => !Flytekit.IsDotted(n)).Where(Flytekit.IsDotted))
        {
            if (rewritten.Any(span => span.Contains(candidate.Span.Start)) || PythonImports.Resolve(candidate, bindings) is not { } name)
            {
                continue;
            }

            if (tables["plugins"].Find("old", name)?.Get("new") is { } replacement)
            {
                edits.Add(TextEdit.Replace(candidate.Span, replacement));
                mapped++;
            }
            else if (name.StartsWith("flytekitplugins.", StringComparison.Ordinal))
            {
                missing = true;
            }
        }

        if (missing || mapped == 0)
        {
            notes.Add($"task_config={module.GetText(config)} has no Flyte 2 plugin config here: port it to a flyteplugins config or run the work inside the task (reference/flyte.md §15)");
        }

        return SourceText.Rewrite(module, config.Span, edits);
    }

    // A plugin class call's keywords its Flyte 2 class takes differently: requests/limits become one resources=flyte.Resources,
    // a Flyte 1 default that differs is written out, and a keyword without equivalent leaves a TODO.
    private static void KeywordEdits(PythonModule module, CallSyntax call, string name, List<DataRow> rows, IReadOnlyList<ImportBinding> bindings, RulesetTables tables,
        List<TextEdit> edits, List<TextSpan> rewritten, List<string> notes)
    {
        var shortName = name[(name.LastIndexOf('.') + 1)..];
        if (call.Arguments.Count > 0)
        {
            notes.Add($"{shortName}(...) passes {call.Arguments.Count} argument(s) by position, and its Flyte 2 class orders its parameters differently: name them (reference/flyte.md §15)");
        }

        KeywordSyntax? Passed(string parameter) => call.Keywords.FirstOrDefault(k => k.Name == parameter);
        var merged = rows.Where(r => r.Require("action") == "resources").Select(r => Passed(r.Require("param"))).OfType<KeywordSyntax>().ToList();
        if (merged.Count > 0)
        {
            var builder = new ResourcesText(module, bindings, tables);
            var resources = builder.BuildOrTake(Passed("requests")?.Value, Passed("limits")?.Value, null, null, null);
            edits.Add(TextEdit.Replace(merged[0].Node.Span, "resources=" + resources));
            edits.AddRange(CallArguments.Remove(module, call, merged.Skip(1).Select(k => k.Node)));
            rewritten.AddRange(merged.Select(k => k.Node.Span));
            notes.AddRange(builder.Notes);
        }

        var spread = call.Keywords.Any(k => k.Name is null);
        var dropped = new List<SyntaxNode>();
        foreach (var row in rows)
        {
            var parameter = row.Require("param");
            var passed = Passed(parameter);
            switch (row.Require("action"))
            {
                case "default" when passed is null && !spread && call.Arguments.Count == 0:
                    edits.Add(CallArguments.Append(module, call, $"{parameter}={row.Require("value")}"));
                    break;
                case "todo" when passed is not null:
                    // The Flyte 2 class would refuse the keyword: it goes, and the TODO keeps its value.
                    // The hint speaks to the Flyte 1 default (value): a keyword set to anything else gets the general advice.
                    var text = module.GetText(passed.Value);
                    var hint = text == row.Get("value") ? row.Get("hint") : null;
                    notes.Add($"{shortName}({parameter}={text}) was removed: the Flyte 2 class has no such parameter; {hint ?? "do it in the task or drop it"} (reference/flyte.md §15)");
                    dropped.Add(passed.Node);
                    break;
                case "todo" when row.Get("value") is { } flyte1Default && !spread:
                    notes.Add($"{shortName}({parameter}={flyte1Default}), the Flyte 1 default, has no Flyte 2 equivalent: {row.Get("hint") ?? "check the task does without it"} (reference/flyte.md §15)");
                    break;
            }
        }

        if (dropped.Count > 0)
        {
            edits.AddRange(CallArguments.Remove(module, call, dropped));
            rewritten.AddRange(dropped.Select(n => n.Span));
        }
    }
}
