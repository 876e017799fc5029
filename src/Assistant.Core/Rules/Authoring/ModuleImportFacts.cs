using Assistant.Core.Source;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// What <see cref="PythonImports"/> has read of one immutable module, kept with it (<see cref="PythonModule.Fact{T}"/>) so
/// that the rules of a pass, which all ask about the same module, read its bindings and names once.
/// </summary>
internal sealed class ModuleImportFacts(PythonModule module)
{
    // Bindings by the roots asked for. A ruleset asks for one or two sets of roots, so a list scanned without locks
    // beats a dictionary: a reader sees a complete array, a writer that loses a race only reads the same bindings twice.
    private RootBindings[] _bindings = [];
    private NameSets? _names;

    private static readonly object Key = new();

    public static ModuleImportFacts Of(PythonModule module) => module.Fact(Key, static m => new ModuleImportFacts(m));

    /// <summary>The names the module reads: <c>Name</c> nodes that are not assigned to.</summary>
    public IReadOnlySet<string> ReadNames => Names.Read;

    /// <summary>The identifiers of every <c>Name</c> node of the module, read or assigned to.</summary>
    public IReadOnlySet<string> AllNames => Names.All;

    // Both sets come from one walk; two threads racing here read the same sets.
    private NameSets Names => _names ??= ReadNamesOnce();

    /// <summary>The bindings of imports from <paramref name="roots"/>, read on the first call for those roots.</summary>
    public ImportBinding[] Bindings(string[] roots)
    {
        var known = Volatile.Read(ref _bindings);
        foreach (var entry in known)
        {
            if (entry.Matches(roots))
            {
                return entry.Bindings;
            }
        }

        var read = new RootBindings([.. roots], ReadBindings(roots));
        while (true)
        {
            var grown = new RootBindings[known.Length + 1];
            known.CopyTo(grown, 0);
            grown[^1] = read;
            var seen = Interlocked.CompareExchange(ref _bindings, grown, known);
            if (ReferenceEquals(seen, known))
            {
                return read.Bindings;
            }

            known = seen;
        }
    }

    private ImportBinding[] ReadBindings(string[] roots)
    {
        var bindings = new List<ImportBinding>();
        foreach (var import in module.Imports())
        {
            foreach (var name in import.Names)
            {
                var qualified = import.IsFrom
                    ? import.Level == 0 && import.Module is { } from ? $"{from}.{name.Name}" : null
                    : name.Alias is null ? FirstPart(name.Name) : name.Name;
                var source = import.IsFrom ? import.Module : name.Name;
                if (qualified is null || source is null || !IsUnder(source, roots))
                {
                    continue;
                }

                bindings.Add(new ImportBinding(name.BoundName, qualified, import, name));
            }
        }

        return [.. bindings];
    }

    // A root itself or one of its submodules.
    private static bool IsUnder(string source, string[] roots)
    {
        foreach (var root in roots)
        {
            if (source.StartsWith(root, StringComparison.Ordinal) && (source.Length == root.Length || source[root.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstPart(string dotted) => dotted.IndexOf('.') is var dot and >= 0 ? dotted[..dot] : dotted;

    private NameSets ReadNamesOnce()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.Descendants())
        {
            if (node.Is("Name") && node.Scalar("id") is { } id)
            {
                all.Add(id);
                if (node.Scalar("ctx") != "Store")
                {
                    read.Add(id);
                }
            }
        }

        return new NameSets(read, all);
    }

    private sealed record NameSets(HashSet<string> Read, HashSet<string> All);

    // The roots are copied: the caller's array (often a params array) is not ours to keep.
    private sealed record RootBindings(string[] Roots, ImportBinding[] Bindings)
    {
        public bool Matches(string[] roots)
        {
            if (roots.Length != Roots.Length)
            {
                return false;
            }

            for (var i = 0; i < roots.Length; i++)
            {
                if (!string.Equals(roots[i], Roots[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
