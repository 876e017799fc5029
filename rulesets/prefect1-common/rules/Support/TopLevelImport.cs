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

    private static IReadOnlyList<TopLevelImport> Read(PythonModule module)
    {
        var imports = new List<TopLevelImport>();
        foreach (var statement in module.Body)
        {
            if (statement.Kind is "Import" or "ImportFrom")
            {
                var import = new ImportSyntax(statement);
                imports.Add(new TopLevelImport(import, import.Names));
            }
        }

        return imports;
    }
}
