using System.Collections.Concurrent;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// What the names of one module stand for: each import binding resolved to a canonical Prefect 1
/// path (<c>F</c> from <c>from prefect import Flow as F</c> → <c>prefect.Flow</c>), so rules match
/// aliases, <c>import prefect</c> and the 0.15 / deep module paths alike. Project classes that
/// subclass <c>prefect.Flow</c> (imported from project modules) resolve to <c>prefect.Flow</c> too.
/// </summary>
public sealed class PrefectSymbols
{
    // Deep or historical paths → the canonical public name rules compare against.
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["prefect.core.flow.Flow"] = "prefect.Flow",
        ["prefect.core.Flow"] = "prefect.Flow",
        ["prefect.core.task.Task"] = "prefect.Task",
        ["prefect.core.Task"] = "prefect.Task",
        ["prefect.core.parameter.Parameter"] = "prefect.Parameter",
        ["prefect.core.parameter.DateTimeParameter"] = "prefect.DateTimeParameter",
        ["prefect.core.Parameter"] = "prefect.Parameter",
        ["prefect.core.tasks.Parameter"] = "prefect.Parameter",
        ["prefect.utilities.tasks.task"] = "prefect.task",
        ["prefect.utilities.tasks.tags"] = "prefect.tags",
        ["prefect.utilities.tasks.defaults_from_attrs"] = "prefect.utilities.tasks.defaults_from_attrs",
        ["prefect.tasks.control_flow.case"] = "prefect.case",
        ["prefect.tasks.control_flow.case.case"] = "prefect.case",
        ["prefect.tasks.control_flow.merge"] = "prefect.merge",
        ["prefect.tasks.control_flow.conditional.merge"] = "prefect.merge",
        ["prefect.tasks.control_flow.ifelse"] = "prefect.ifelse",
        ["prefect.tasks.control_flow.conditional.ifelse"] = "prefect.ifelse",
        ["prefect.tasks.control_flow.switch"] = "prefect.switch",
        ["prefect.tasks.control_flow.conditional.switch"] = "prefect.switch",
        ["prefect.utilities.edges.unmapped"] = "prefect.unmapped",
        ["prefect.utilities.edges.flatten"] = "prefect.flatten",
        ["prefect.utilities.edges.mapped"] = "prefect.mapped",
        ["prefect.utilities.tasks.apply_map"] = "prefect.apply_map",
        ["prefect.engine.executors"] = "prefect.executors",
        ["prefect.environments.storage"] = "prefect.storage",
        ["prefect.engine.signals"] = "prefect.engine.signals",
        ["prefect.tasks.secrets.base.PrefectSecret"] = "prefect.tasks.secrets.PrefectSecret",
        ["prefect.tasks.secrets.env_var.EnvVarSecret"] = "prefect.tasks.secrets.EnvVarSecret",
        ["prefect.client.secrets.Secret"] = "prefect.client.Secret",
        ["prefect.backend.kv_store.get_key_value"] = "prefect.backend.get_key_value",
        ["prefect.backend.kv_store.set_key_value"] = "prefect.backend.set_key_value",
        ["prefect.backend.kv_store.delete_key"] = "prefect.backend.delete_key",
        ["prefect.backend.kv_store.list_keys"] = "prefect.backend.list_keys",
        ["prefect.schedules.schedules.Schedule"] = "prefect.schedules.Schedule",
        ["prefect.schedules.schedules.IntervalSchedule"] = "prefect.schedules.IntervalSchedule",
        ["prefect.schedules.schedules.CronSchedule"] = "prefect.schedules.CronSchedule",
        ["prefect.utilities.context"] = "prefect.context",
    };

    // Answers of Canon for paths that are not keys of Canonical (each otherwise scans every prefix): the names a
    // project spells are few, and the bound keeps a long session from growing it without limit.
    private const int MaxCanonicalised = 8192;
    private static readonly ConcurrentDictionary<string, string> Canonicalised = new(StringComparer.Ordinal);

    private static readonly object ViewsKey = new();

    // A module's Prefect bindings without project imports depend on the module alone: read once however many modules import it.
    private static readonly object PrefectOnlyKey = new();

    private static readonly object AloneKey = new();

    private readonly Dictionary<string, string> _bound = new(StringComparer.Ordinal);
    private Resolutions? _resolutions;

    private PrefectSymbols(PythonModule module)
    {
        Module = module;
    }

    public PythonModule Module { get; }

    /// <summary>Local name → canonical dotted path, for every top-level import of a Prefect 1 name
    /// (plus project Flow subclasses).</summary>
    public IReadOnlyDictionary<string, string> Bound => _bound;

    /// <summary>True when the module imports Prefect 1 (or 0.15) at all.</summary>
    public bool ImportsPrefect => _bound.Values.Any(v => v == "prefect" || v.StartsWith("prefect.", StringComparison.Ordinal));

    public static PrefectSymbols For(RuleContext context) => For(context.Module, context.Project);

    /// <summary>The symbols of a module as seen from a project, computed once per (module, project): both are immutable, and every Prefect rule asks.</summary>
    public static PrefectSymbols For(PythonModule module, ProjectModel project) =>
        module.Fact(ViewsKey, static _ => new ProjectViews()).For(module, project);

    /// <summary>The symbols of a module in a project of its own (no other project module is followed), read once per module.</summary>
    public static PrefectSymbols Alone(PythonModule module) =>
        module.Fact(AloneKey, static m => Read(m, new ProjectModel([m])));

    private static PrefectSymbols Read(PythonModule module, ProjectModel project)
    {
        var symbols = new PrefectSymbols(module);
        foreach (var import in module.Imports())
        {
            if (!import.IsFrom)
            {
                foreach (var name in import.Names)
                {
                    if (name.Name == "prefect" || name.Name.StartsWith("prefect.", StringComparison.Ordinal))
                    {
                        symbols._bound[name.BoundName] = name.Alias is null ? name.Name.Split('.')[0] : Canon(name.Name);
                    }
                }

                continue;
            }

            var source = PythonImports.AbsoluteModule(module.Path, import);
            if (source is null)
            {
                continue;
            }

            var fromPrefect = source == "prefect" || source.StartsWith("prefect.", StringComparison.Ordinal);
            // The project module the names come from, looked up once per statement (not per name) and only when one asks.
            var found = false;
            PythonModule? other = null;
            foreach (var name in import.Names)
            {
                if (fromPrefect)
                {
                    symbols._bound[name.BoundName] = Canon($"{source}.{name.Name}");
                    continue;
                }

                if (!found)
                {
                    other = project.FindModule(source);
                    found = true;
                }

                if (other is not null && IsFlowSubclass(other, name.Name, project, 0))
                {
                    symbols._bound[name.BoundName] = "prefect.Flow";
                    symbols.FlowSubclasses[name.BoundName] = $"{source}.{name.Name}";
                }
            }
        }

        // Flow subclasses defined in this very module.
        foreach (var statement in module.Body.Where(s => s.Is("ClassDef")))
        {
            var cls = new ClassDefSyntax(statement);
            if (cls.Bases.Any(b => symbols.Resolve(b) == "prefect.Flow"))
            {
                symbols.LocalFlowSubclasses.Add(cls.Name);
            }
        }

        return symbols;
    }

    /// <summary>Project subclasses of Flow imported here: local name → dotted path of the class.</summary>
    public Dictionary<string, string> FlowSubclasses { get; } = new(StringComparer.Ordinal);

    /// <summary>Flow subclasses defined in this module (their instances are flows too).</summary>
    public HashSet<string> LocalFlowSubclasses { get; } = new(StringComparer.Ordinal);

    /// <summary>The canonical Prefect 1 path an expression names (<c>prefect.context.get</c>), or null.</summary>
    public string? Resolve(SyntaxNode? expression)
    {
        // Rules resolve every call and attribute of a module: the head name is found without building the dotted
        // name, which is only built (and canonicalised) when that head is a Prefect binding.
        if (DottedHead(expression) is not { } head)
        {
            return null;
        }

        if (!_bound.TryGetValue(head, out var path))
        {
            return LocalFlowSubclasses.Contains(head) && expression!.Is("Name") ? "prefect.Flow" : null;
        }

        var dotted = expression!.DottedName()!;
        return Canon(path + dotted[head.Length..]);
    }

    public bool Is(SyntaxNode? expression, string canonicalName) =>
        Resolve(expression) is { } resolved && string.Equals(resolved, canonicalName, StringComparison.Ordinal);

    public bool Is(SyntaxNode? expression, string canonicalName, string otherName) =>
        Resolve(expression) is { } resolved && (string.Equals(resolved, canonicalName, StringComparison.Ordinal) || string.Equals(resolved, otherName, StringComparison.Ordinal));

    public bool Is(SyntaxNode? expression, params string[] canonicalNames) =>
        Resolve(expression) is { } resolved && canonicalNames.Contains(resolved, StringComparer.Ordinal);

    /// <summary>Is <paramref name="call"/> a call of one of the names (by canonical path)?</summary>
    public bool IsCall(SyntaxNode? call, string canonicalName, string otherName) =>
        call is not null && call.Is("Call") && Is(call.Child("func"), canonicalName, otherName);

    /// <summary>Is <paramref name="call"/> a call of one of the names (by canonical path)?</summary>
    public bool IsCall(SyntaxNode? call, params string[] canonicalNames) =>
        call is not null && call.Is("Call") && Is(call.Child("func"), canonicalNames);

    /// <summary>The <c>Call</c> nodes of the module whose callee resolves to <paramref name="canonicalName"/>, in source order.</summary>
    public IReadOnlyList<SyntaxNode> CallsTo(string canonicalName) =>
        Resolved.CallsByCallee.TryGetValue(canonicalName, out var calls) ? calls : [];

    /// <summary>The <c>Call</c> nodes whose callee resolves to either name, in source order.</summary>
    public IReadOnlyList<SyntaxNode> CallsTo(string canonicalName, string otherName) =>
        Resolved.Calls.Where(c => c.Callee == canonicalName || c.Callee == otherName).Select(c => c.Call).ToList();

    /// <summary>Every <c>Call</c> of the module whose callee resolves to a Prefect 1 name, with that name, in source order.</summary>
    public IReadOnlyList<(SyntaxNode Call, string Callee)> ResolvedCalls => Resolved.Calls;

    /// <summary>Every <c>Name</c>/<c>Attribute</c> expression of the module that resolves, with what it resolves to, in source order.</summary>
    public IReadOnlyList<(SyntaxNode Node, string Name)> ResolvedExpressions => Resolved.Expressions;

    /// <summary>True when some <c>Name</c>/<c>Attribute</c> expression of the module resolves to <paramref name="canonicalName"/>:
    /// when false, <see cref="Is(SyntaxNode?, string)"/> is false for every node of the module.</summary>
    public bool Mentions(string canonicalName) => Resolved.Names.Contains(canonicalName);

    private Resolutions Resolved => LazyInitializer.EnsureInitialized(ref _resolutions, () => new Resolutions(this));

    // What every Name/Attribute expression and every call of the module resolves to, computed once per (module, project)
    // for all the rules that look for calls of one Prefect name (each used to resolve every call of the module again).
    private sealed class Resolutions
    {
        public Resolutions(PrefectSymbols symbols)
        {
            // Only a chain whose head Name is bound (or a local Flow subclass) resolves: start from those Names and climb
            // their Attribute chains, rather than resolving every node of the module. Sorting by start, then by end
            // descending, puts the nodes back in source order (a chain's outer nodes first, as Descendants() yields them).
            var resolved = new List<(SyntaxNode Node, string Name)>();
            foreach (var name in ModuleIndex.Of(symbols.Module).Nodes("Name"))
            {
                if (name.Scalar("id") is not { } id)
                {
                    continue;
                }

                if (!symbols._bound.TryGetValue(id, out var path))
                {
                    // A local Flow subclass resolves as a bare name only (what Resolve gives).
                    if (symbols.LocalFlowSubclasses.Contains(id))
                    {
                        resolved.Add((name, "prefect.Flow"));
                    }

                    continue;
                }

                // What Resolve gives each node of the chain, its dotted name's tail after the head built as the chain is climbed.
                var tail = string.Empty;
                for (var node = name; ;)
                {
                    resolved.Add((node, Canon(path + tail)));
                    if (node.ParentField != "value" || node.Parent is not { } parent || !parent.Is("Attribute"))
                    {
                        break;
                    }

                    node = parent;
                    tail = $"{tail}.{parent.Scalar("attr")}";
                }
            }

            // No two of these nodes share a span, so an unstable sort gives the same order as a stable one.
            resolved.Sort(static (a, b) => BySourceOrder(a.Node, b.Node));
            Expressions = resolved;
            foreach (var (node, name) in Expressions)
            {
                Names.Add(name);
                if (node.ParentField == "func" && node.Parent is { } call && call.Is("Call"))
                {
                    Calls.Add((call, name));
                }
            }

            Calls.Sort(static (a, b) => BySourceOrder(a.Call, b.Call));
            foreach (var (call, callee) in Calls)
            {
                if (!CallsByCallee.TryGetValue(callee, out var list))
                {
                    CallsByCallee[callee] = list = [];
                }

                list.Add(call);
            }
        }

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        // By start, then the longer node first (a chain's outer nodes first, as Descendants() yields them).
        private static int BySourceOrder(SyntaxNode a, SyntaxNode b) =>
            a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.End.CompareTo(a.Span.End);

        public List<(SyntaxNode Node, string Name)> Expressions { get; }

        public List<(SyntaxNode Call, string Callee)> Calls { get; } = [];

        public Dictionary<string, List<SyntaxNode>> CallsByCallee { get; } = new(StringComparer.Ordinal);
    }

    // The symbols of one module as seen from the projects that asked last, newest first. A step asks with one project
    // (tests and tools may ask with others): a few entries suffice. Projects are held weakly, so a module that outlives
    // its step does not keep that step's project (and its modules) alive.
    private sealed class ProjectViews
    {
        private const int Kept = 4;
        private (WeakReference<ProjectModel> Project, PrefectSymbols Symbols)[] _entries = [];

        public PrefectSymbols For(PythonModule module, ProjectModel project)
        {
            if (Find(Volatile.Read(ref _entries), project) is { } known)
            {
                return known;
            }

            var symbols = Read(module, project);
            foreach (var (_, earlier) in Volatile.Read(ref _entries))
            {
                // Each step asks with a project of its own: when the module's names stand for the same things in it as in
                // an earlier one (nearly always), the earlier symbols are these, and what they resolved is not read again.
                if (earlier.SameAs(symbols))
                {
                    symbols = earlier;
                    break;
                }
            }

            var entry = (new WeakReference<ProjectModel>(project), symbols);
            while (true)
            {
                var current = Volatile.Read(ref _entries);
                if (Find(current, project) is { } raced)
                {
                    return raced;
                }

                var next = new (WeakReference<ProjectModel>, PrefectSymbols)[Math.Min(current.Length + 1, Kept)];
                next[0] = entry;
                Array.Copy(current, 0, next, 1, next.Length - 1);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _entries, next, current), current))
                {
                    return symbols;
                }
            }
        }

        private static PrefectSymbols? Find((WeakReference<ProjectModel> Project, PrefectSymbols Symbols)[] entries, ProjectModel project)
        {
            foreach (var (reference, symbols) in entries)
            {
                if (reference.TryGetTarget(out var known) && ReferenceEquals(known, project))
                {
                    return symbols;
                }
            }

            return null;
        }
    }

    // The same bindings and Flow subclasses, in the same order: symbols that answer every question alike.
    private bool SameAs(PrefectSymbols other) =>
        ReferenceEquals(Module, other.Module)
        && SameEntries(_bound, other._bound)
        && SameEntries(FlowSubclasses, other.FlowSubclasses)
        && LocalFlowSubclasses.SequenceEqual(other.LocalFlowSubclasses, StringComparer.Ordinal);

    private static bool SameEntries(Dictionary<string, string> a, Dictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        using var other = b.GetEnumerator();
        foreach (var (key, value) in a)
        {
            if (!other.MoveNext() || !string.Equals(key, other.Current.Key, StringComparison.Ordinal) || !string.Equals(value, other.Current.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // The first part of the dotted name of a Name/Attribute chain (what DottedName() would start with), or null when
    // the expression is no such chain.
    private static string? DottedHead(SyntaxNode? expression)
    {
        var node = expression;
        while (node is not null && node.Is("Attribute"))
        {
            node = node.Child("value");
        }

        return node is not null && node.Is("Name") ? node.Scalar("id") : null;
    }

    /// <summary>The local spelling of a canonical name if the module binds it (<c>prefect.Flow</c> → <c>Flow</c>).</summary>
    public IEnumerable<string> LocalNamesOf(string canonical) => _bound.Where(p => p.Value == canonical).Select(p => p.Key);

    public static string Canon(string path)
    {
        if (Canonical.TryGetValue(path, out var canonical) || Canonicalised.TryGetValue(path, out canonical))
        {
            return canonical;
        }

        canonical = CanonByPrefix(path);
        if (Canonicalised.Count < MaxCanonicalised)
        {
            Canonicalised.TryAdd(path, canonical);
        }

        return canonical;
    }

    private static string CanonByPrefix(string path)
    {
        // Module prefixes (prefect.engine.executors.LocalExecutor → prefect.executors.LocalExecutor).
        foreach (var (from, to) in Canonical)
        {
            // path starts with from + "." (tested without building that string: rules canonicalise every dotted name they meet).
            if (path.Length > from.Length && path[from.Length] == '.' && path.StartsWith(from, StringComparison.Ordinal))
            {
                return to + path[from.Length..];
            }
        }

        return path;
    }

    /// <summary>0.15-only names removed by Prefect 1.0 (reference §20 item 20).</summary>
    public static bool IsZeroFifteenOnly(string rawPath) =>
        rawPath.StartsWith("prefect.environments", StringComparison.Ordinal)
        || rawPath.StartsWith("prefect.engine.executors", StringComparison.Ordinal)
        || rawPath.StartsWith("prefect.core.tasks", StringComparison.Ordinal)
        || rawPath.StartsWith("prefect.utilities.exceptions", StringComparison.Ordinal);

    private static bool IsFlowSubclass(PythonModule module, string className, ProjectModel project, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        var definition = module.Body.FirstOrDefault(s => s.Is("ClassDef") && s.Scalar("name") == className);
        if (definition is null)
        {
            // Re-exported under another name: `Flow = CustomFlow`, the name's one module-level binding.
            if (ModuleConstants.ValueOf(module, className) is { Kind: "Name" } original)
            {
                return IsFlowSubclass(module, original.Scalar("id")!, project, depth + 1);
            }

            // Re-exported: follow `from x import Name` in that module.
            foreach (var (import, names) in TopLevelImport.In(module))
            {
                if (import.IsFrom && names.FirstOrDefault(n => n.BoundName == className) is { } name
                    && PythonImports.AbsoluteModule(module.Path, import) is { } source
                    && !source.StartsWith("prefect", StringComparison.Ordinal)
                    && project.FindModule(source) is { } next)
                {
                    return IsFlowSubclass(next, name.Name, project, depth + 1);
                }
            }

            return false;
        }

        var prefectOnly = module.Fact(PrefectOnlyKey, PrefectOnly);
        foreach (var b in new ClassDefSyntax(definition).Bases)
        {
            if (prefectOnly.Resolve(b) == "prefect.Flow")
            {
                return true;
            }

            if (b.DottedName() is { } baseName && !baseName.Contains('.') && IsFlowSubclass(module, baseName, project, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    // The Prefect bindings of a module without following project imports (no recursion).
    private static PrefectSymbols PrefectOnly(PythonModule module)
    {
        var symbols = new PrefectSymbols(module);
        foreach (var import in module.Imports())
        {
            var source = import.IsFrom ? PythonImports.AbsoluteModule(module.Path, import) : null;
            foreach (var name in import.Names)
            {
                if (!import.IsFrom && (name.Name == "prefect" || name.Name.StartsWith("prefect.", StringComparison.Ordinal)))
                {
                    symbols._bound[name.BoundName] = name.Alias is null ? name.Name.Split('.')[0] : Canon(name.Name);
                }
                else if (source is not null && (source == "prefect" || source.StartsWith("prefect.", StringComparison.Ordinal)))
                {
                    symbols._bound[name.BoundName] = Canon($"{source}.{name.Name}");
                }
            }
        }

        return symbols;
    }
}
