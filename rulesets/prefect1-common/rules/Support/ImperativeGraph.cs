using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>An argument of a task call in an imperative flow: another node's result, or a literal's text; <paramref name="Mapped"/>:
/// the task maps over it (v1 <c>mapped=True</c>), so the call is <c>.map(...)</c> and its other arguments are <c>unmapped(...)</c>.</summary>
public sealed record GraphArgument(string? Node, string Text, bool Mapped = false);

/// <summary>
/// The task graph a Prefect 1 imperative flow builds with module-level statements on the flow variable
/// (<c>add_task</c>, <c>set_dependencies</c>, <c>add_edge</c>) and on tasks (<c>t.set_upstream(a, flow=f)</c>).
/// Nodes are the names of tasks (and Parameters); edges are data (a keyword) or order only.
/// </summary>
public sealed class ImperativeGraph(PythonModule module, string flowVariable)
{
    private readonly List<string> _nodes = [];
    private readonly Dictionary<string, List<KeyValuePair<string, GraphArgument>>> _arguments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _upstream = new(StringComparer.Ordinal);

    /// <summary>The statements that built the graph (deleted once it is a function).</summary>
    public List<SyntaxNode> Statements { get; } = [];

    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>Reads one module-level statement; a problem text when it builds the graph in a way this cannot express.</summary>
    public string? Read(SyntaxNode statement)
    {
        if (!statement.Is("Expr") || CallSyntax.From(statement.Child("value")) is not { } call || !call.Function.Is("Attribute"))
        {
            return null;
        }

        var owner = call.Function.Child("value");
        var method = call.Function.Scalar("attr");
        if (owner?.Is("Name") == true && owner.Scalar("id") == flowVariable)
        {
            return method switch
            {
                "add_task" => AddTask(statement, call),
                "set_dependencies" => SetDependencies(statement, call),
                "add_edge" => AddEdge(statement, call),
                "chain" => Chain(statement, call),
                _ => null,
            };
        }

        if (owner?.Is("Name") != true || call.Keyword("flow")?.Value.DottedName() != flowVariable)
        {
            return null;
        }

        if (method is "set_dependencies")
        {
            return SetDependencies(statement, call, owner);
        }

        if (method is "bind")
        {
            return Bind(statement, call, owner.Scalar("id")!);
        }

        if (method is "set_upstream" or "set_downstream")
        {
            var other = call.Arguments.FirstOrDefault() ?? call.Keyword("task")?.Value;
            if (other?.Is("Name") != true)
            {
                return $"{module.GetText(call.Node)}: the other task is not a name";
            }

            var key = ConstantSyntax.StringValue(call.Keyword("key")?.Value);
            if (Maps(call) && key is null)
            {
                return $"{module.GetText(call.Node)} maps the task over an edge without data: write the .map(...) call by hand";
            }

            var (up, down) = method == "set_upstream" ? (other.Scalar("id")!, owner.Scalar("id")!) : (owner.Scalar("id")!, other.Scalar("id")!);
            Statements.Add(statement);
            return Edge(up, down, key, call, Maps(call));
        }

        return null;
    }

    /// <summary>Reads <c>Flow(..., tasks=[a, b])</c>: each listed task is a node of the graph; a problem text when one is not a name.</summary>
    public string? AddTasks(SyntaxNode tasks)
    {
        if (!tasks.Kind.Equals("List", StringComparison.Ordinal) && !tasks.Kind.Equals("Tuple", StringComparison.Ordinal)
            || tasks.Children("elts").FirstOrDefault(e => !e.Is("Name")) is { } other)
        {
            return $"tasks={module.GetText(tasks)}: list the tasks by name to convert this flow";
        }

        foreach (var task in tasks.Children("elts"))
        {
            Node(task.Scalar("id")!);
        }

        return null;
    }

    private string? AddTask(SyntaxNode statement, CallSyntax call)
    {
        if (call.Arguments is not [{ } task] || !task.Is("Name"))
        {
            return $"{module.GetText(call.Node)}: the task is not a name";
        }

        Node(task.Scalar("id")!);
        Statements.Add(statement);
        return null;
    }

    // flow.set_dependencies(task, ...) or, with task given, t.set_dependencies(flow=flow, ...).
    private string? SetDependencies(SyntaxNode statement, CallSyntax call, SyntaxNode? task = null)
    {
        task ??= call.Keyword("task")?.Value ?? call.Arguments.FirstOrDefault();
        if (task?.Is("Name") != true)
        {
            return $"{module.GetText(call.Node)}: the task is not a name";
        }

        var mapped = Maps(call);
        if (mapped && (call.Keyword("upstream_tasks") is not null || call.Keyword("downstream_tasks") is not null || call.Keyword("keyword_tasks") is null))
        {
            return $"{module.GetText(call.Node)} maps the task over edges without data: write the .map(...) call by hand";
        }

        var name = task.Scalar("id")!;
        Node(name);
        foreach (var keyword in call.Keywords)
        {
            switch (keyword.Name)
            {
                case "task" or "flow" or "mapped" or "validate" or "flattened":
                    break;
                case "upstream_tasks" or "downstream_tasks":
                    if (Dependencies(name, keyword) is { } problem)
                    {
                        return problem;
                    }

                    break;
                case "keyword_tasks":
                    if (KeywordTasks(keyword.Value) is not { } pairs)
                    {
                        return $"{module.GetText(keyword.Node)} is not a literal dict";
                    }

                    foreach (var (key, value) in pairs)
                    {
                        if (key is null || !Names.IsIdentifier(key))
                        {
                            return $"{module.GetText(keyword.Value)}: a key is not an identifier string";
                        }

                        Argument(name, key, value, mapped);
                    }

                    break;
                default:
                    return $"{module.GetText(keyword.Node)}: set_dependencies option not converted";
            }
        }

        Statements.Add(statement);
        return null;
    }

    // t.bind(x=a, upstream_tasks=[b], flow=flow): each keyword is an argument of t's call (a positional one would need run()'s signature).
    private string? Bind(SyntaxNode statement, CallSyntax call, string name)
    {
        if (call.Arguments.Count > 0 || call.Keywords.Any(k => k.Name is null))
        {
            return $"{module.GetText(call.Node)}: pass the arguments by keyword to convert this flow";
        }

        var mapped = Maps(call);
        if (mapped && call.Keyword("upstream_tasks") is not null)
        {
            return $"{module.GetText(call.Node)} maps the task with upstream_tasks: write the .map(...) call by hand";
        }

        Node(name);
        foreach (var keyword in call.Keywords)
        {
            switch (keyword.Name)
            {
                case "flow" or "mapped":
                    break;
                case "upstream_tasks":
                    if (Dependencies(name, keyword) is { } problem)
                    {
                        return problem;
                    }

                    break;
                default:
                    Argument(name, keyword.Name!, keyword.Value, mapped);
                    break;
            }
        }

        Statements.Add(statement);
        return null;
    }

    // upstream_tasks=[a, b] (a and b before the task) or downstream_tasks=[...] (after it).
    private string? Dependencies(string name, KeywordSyntax keyword)
    {
        if (!keyword.Value.Is("List") && !keyword.Value.Is("Tuple"))
        {
            return $"{module.GetText(keyword.Node)} is not a literal list";
        }

        foreach (var other in keyword.Value.Children("elts"))
        {
            if (!other.Is("Name"))
            {
                return $"{module.GetText(other)} in {keyword.Name} is not a task name";
            }

            var otherName = other.Scalar("id")!;
            Node(otherName);
            Upstream(keyword.Name == "upstream_tasks" ? name : otherName, keyword.Name == "upstream_tasks" ? otherName : name);
        }

        return null;
    }

    // keyword_tasks={"x": a} or keyword_tasks=dict(x=a): the key (null when not a string) and value of each entry, or null.
    private static List<(string? Key, SyntaxNode Value)>? KeywordTasks(SyntaxNode value)
    {
        if (value.Is("Dict"))
        {
            return value.Children("keys").Zip(value.Children("values"), (k, v) => (ConstantSyntax.StringValue(k), v)).ToList();
        }

        return CallSyntax.From(value) is { } call && call.Function.Is("Name") && call.Function.Scalar("id") == "dict" && call.Arguments.Count == 0
            ? call.Keywords.Select(k => (k.Name, k.Value)).ToList()
            : null;
    }

    // mapped= anything but a literal False.
    private static bool Maps(CallSyntax call) =>
        call.Keyword("mapped")?.Value is { } mapped && !(mapped.Is("Constant") && mapped.Scalar("v") == "False");

    private string? AddEdge(SyntaxNode statement, CallSyntax call)
    {
        var up = call.Keyword("upstream_task")?.Value ?? call.Arguments.ElementAtOrDefault(0);
        var down = call.Keyword("downstream_task")?.Value ?? call.Arguments.ElementAtOrDefault(1);
        var key = ConstantSyntax.StringValue(call.Keyword("key")?.Value ?? call.Arguments.ElementAtOrDefault(2));
        if (up?.Is("Name") != true || down?.Is("Name") != true || (Maps(call) && key is null) || call.Keyword("flattened") is not null)
        {
            return $"{module.GetText(call.Node)}: convert this edge by hand";
        }

        Statements.Add(statement);
        return Edge(up.Scalar("id")!, down.Scalar("id")!, key, call, Maps(call));
    }

    private string? Chain(SyntaxNode statement, CallSyntax call)
    {
        if (call.Keywords.Count > 0 || call.Arguments.Any(a => !a.Is("Name")))
        {
            return $"{module.GetText(call.Node)}: convert this chain by hand";
        }

        for (var i = 0; i < call.Arguments.Count; i++)
        {
            Node(call.Arguments[i].Scalar("id")!);
            if (i > 0)
            {
                Upstream(call.Arguments[i].Scalar("id")!, call.Arguments[i - 1].Scalar("id")!);
            }
        }

        Statements.Add(statement);
        return null;
    }

    private string? Edge(string up, string down, string? key, CallSyntax call, bool mapped = false)
    {
        Node(up);
        Node(down);
        if (key is null)
        {
            Upstream(down, up);
            return null;
        }

        if (!Names.IsIdentifier(key))
        {
            return $"{module.GetText(call.Node)}: key {key} is not an identifier";
        }

        Add(down, key, new GraphArgument(up, up, mapped));
        return null;
    }

    // A value under mapped=True is mapped over unless wrapped in unmapped(...).
    private void Argument(string task, string key, SyntaxNode value, bool mapped = false)
    {
        if (mapped && CallSyntax.From(value) is { Arguments: [{ } inner], Keywords.Count: 0 } wrapper && wrapper.Function.Is("Name") && wrapper.Function.Scalar("id") == "unmapped")
        {
            (value, mapped) = (inner, false);
        }

        if (value.Is("Name") && (_nodes.Contains(value.Scalar("id")!) || IsTaskLike(value.Scalar("id")!)))
        {
            Node(value.Scalar("id")!);
            Add(task, key, new GraphArgument(value.Scalar("id")!, value.Scalar("id")!, mapped));
            return;
        }

        Add(task, key, new GraphArgument(null, module.GetText(value), mapped));
    }

    // A module-level name defined as a @task function, a Task instance or a Parameter (a constant otherwise).
    private bool IsTaskLike(string name) =>
        module.Body.Any(s => (s.Kind is "FunctionDef" or "AsyncFunctionDef" && s.Scalar("name") == name && s.Children("decorator_list").Count > 0)
            || (s.Is("Assign") && s.Children("targets") is [{ } t] && t.Is("Name") && t.Scalar("id") == name && s.Child("value")?.Is("Call") == true))
        || module.Imports().Any(i => i.IsFrom && i.Names.Any(n => n.BoundName == name));

    private void Add(string task, string key, GraphArgument argument)
    {
        Node(task);
        if (!_arguments.TryGetValue(task, out var list))
        {
            _arguments[task] = list = [];
        }

        list.RemoveAll(a => a.Key == key);
        list.Add(new KeyValuePair<string, GraphArgument>(key, argument));
        if (argument.Node is { } node)
        {
            Node(node);
        }
    }

    private void Upstream(string task, string upstream)
    {
        if (!_upstream.TryGetValue(task, out var list))
        {
            _upstream[task] = list = [];
        }

        if (!list.Contains(upstream))
        {
            list.Add(upstream);
        }
    }

    private void Node(string name)
    {
        if (!_nodes.Contains(name))
        {
            _nodes.Add(name);
        }
    }

    public IReadOnlyList<KeyValuePair<string, GraphArgument>> Arguments(string node) =>
        _arguments.TryGetValue(node, out var list) ? list : [];

    /// <summary>Whether the node maps over one of its arguments (its call is <c>.map(...)</c>).</summary>
    public bool IsMapped(string node) => Arguments(node).Any(a => a.Value.Mapped);

    /// <summary>The nodes that must run before <paramref name="node"/> without passing it data.</summary>
    public IReadOnlyList<string> OrderOnlyUpstream(string node) => _upstream.TryGetValue(node, out var list) ? list : [];

    /// <summary>Nodes whose result another node receives.</summary>
    public HashSet<string> ConsumedNodes() =>
        _arguments.Values.SelectMany(l => l).Select(a => a.Value.Node).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>A topological order (ties in first-mention order), or null on a cycle.</summary>
    public List<string>? Order()
    {
        var before = _nodes.ToDictionary(n => n, n => Arguments(n).Select(a => a.Value.Node).OfType<string>()
            .Concat(_upstream.TryGetValue(n, out var u) ? u : []).Distinct().ToList(), StringComparer.Ordinal);
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (order.Count < _nodes.Count)
        {
            var next = _nodes.FirstOrDefault(n => !done.Contains(n) && before[n].All(done.Contains));
            if (next is null)
            {
                return null;
            }

            order.Add(next);
            done.Add(next);
        }

        return order;
    }
}
