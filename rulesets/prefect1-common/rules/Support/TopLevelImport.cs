using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>A top-level <c>import</c> / <c>from … import</c> statement of a module and the names it imports.</summary>
public sealed record TopLevelImport(ImportSyntax Import, IReadOnlyList<ImportedName> Names)
{
    // Import edits read them for every finding of every rule: read once per (immutable) module.
    private static readonly object Key = new();

    public SyntaxNode Node => Import.Node;

    /// <summary>The module's top-level import statements, in source order.</summary>
    public static IReadOnlyList<TopLevelImport> In(PythonModule module) => module.Fact(Key, Read);

    // The module's own import views (PythonModule.Imports, read once, names included) that sit in its body.
    private static IReadOnlyList<TopLevelImport> Read(PythonModule module) =>
        module.Imports().Where(i => i.Node.Parent == module.Root).Select(i => new TopLevelImport(i, i.Names)).ToList();
}
