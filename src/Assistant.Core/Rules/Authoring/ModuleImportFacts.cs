using System.Collections.Concurrent;
using Assistant.Core.Source;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// What <see cref="PythonImports"/> has read of one immutable module, kept with it so that the rules of a pass, which
/// all ask about the same module, read its bindings and names once.
/// </summary>
internal sealed class ModuleImportFacts(PythonModule module)
{
    private HashSet<string>? _readNames;

    /// <summary>Bindings by the roots asked for (joined with NUL).</summary>
    public ConcurrentDictionary<string, ImportBinding[]> Bindings { get; } = new(StringComparer.Ordinal);

    /// <summary>The names the module reads: <c>Name</c> nodes that are not assigned to.</summary>
    public IReadOnlySet<string> ReadNames => _readNames ??= ReadNamesOnce();

    private HashSet<string> ReadNamesOnce()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.Descendants())
        {
            if (node.Is("Name") && node.Scalar("id") is { } id && node.Scalar("ctx") != "Store")
            {
                names.Add(id);
            }
        }

        return names;
    }
}
