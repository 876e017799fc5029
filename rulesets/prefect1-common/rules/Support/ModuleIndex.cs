using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Facts about a module's tree that several rules ask for, read in one walk per module (the module is immutable and
/// every rule of a pass sees the same one): the nodes of the kinds rules look for, in source (depth-first) order
/// as <c>module.Root.Descendants()</c> yields them, and the identifiers the module's <c>Name</c> nodes spell.
/// </summary>
public sealed class ModuleIndex
{
    private static readonly object Key = new();

    private readonly PythonModule _module;
    private readonly List<SyntaxNode> _calls = [];
    private readonly List<SyntaxNode> _withs = [];
    private readonly List<SyntaxNode> _assigns = [];
    private readonly List<SyntaxNode> _constants = [];
    private readonly List<SyntaxNode> _classes = [];
    private readonly List<SyntaxNode> _names = [];
    private HashSet<string>? _nameIds;
    private Dictionary<string, List<SyntaxNode>>? _namesById;

    private ModuleIndex(PythonModule module)
    {
        _module = module;
        foreach (var node in module.Root.Descendants())
        {
            Indexed(node.Kind)?.Add(node);
        }
    }

    public static ModuleIndex Of(PythonModule module) => module.Fact(Key, static m => new ModuleIndex(m));

    /// <summary>Every node of the kind below the module root, in source order.</summary>
    public IReadOnlyList<SyntaxNode> Nodes(string kind) => Indexed(kind) ?? _module.Root.Descendants().Where(n => n.Is(kind)).ToList();

    // The list the index keeps for a kind; null for a kind it does not index.
    private List<SyntaxNode>? Indexed(string kind) => kind switch
    {
        "Name" => _names,
        "Call" => _calls,
        "Constant" => _constants,
        "Assign" => _assigns,
        "With" => _withs,
        "ClassDef" => _classes,
        _ => null,
    };

    /// <summary>Every <c>Name</c> node by its identifier (each list in source order).</summary>
    public IReadOnlyDictionary<string, List<SyntaxNode>> NamesById => LazyInitializer.EnsureInitialized(ref _namesById, ReadNamesById);

    /// <summary>The identifiers of every <c>Name</c> node.</summary>
    public IReadOnlySet<string> NameIds => LazyInitializer.EnsureInitialized(ref _nameIds, () => _names.Select(n => n.Scalar("id")!).ToHashSet(StringComparer.Ordinal));

    private Dictionary<string, List<SyntaxNode>> ReadNamesById()
    {
        var names = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
        foreach (var node in _names)
        {
            if (node.Scalar("id") is not { } id)
            {
                continue;
            }

            if (!names.TryGetValue(id, out var uses))
            {
                names[id] = uses = [];
            }

            uses.Add(node);
        }

        return names;
    }
}
