using System.Collections.Concurrent;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// What <see cref="PythonImports"/> has read of one immutable module, kept with it so that the rules of a pass, which
/// all ask about the same module, read its imports and names once.
/// </summary>
internal sealed class ModuleImportFacts(PythonModule module)
{
    private ImportSyntax[]? _statements;
    private HashSet<string>? _readNames;

    /// <summary>Bindings by the roots asked for (joined with NUL).</summary>
    public ConcurrentDictionary<string, ImportBinding[]> Bindings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The import statements at any depth in source order — what <see cref="PythonModule.Imports"/> lists — read from the
    /// statement lists alone: imports are statements, so expressions (most of a tree) need no visit.
    /// </summary>
    public IReadOnlyList<ImportSyntax> Statements => _statements ??= ReadStatements();

    /// <summary>The names the module reads: <c>Name</c> nodes that are not assigned to.</summary>
    public IReadOnlySet<string> ReadNames => _readNames ??= ReadNamesOnce();

    private ImportSyntax[] ReadStatements()
    {
        var found = new List<ImportSyntax>();
        Visit(module.Root.Children("body"), found);
        return [.. found];
    }

    // Fields that hold statements (or handlers/cases holding them), in the order their code appears in a statement.
    private static void Visit(IReadOnlyList<SyntaxNode> statements, List<ImportSyntax> found)
    {
        foreach (var statement in statements)
        {
            if (statement.Kind is "Import" or "ImportFrom")
            {
                found.Add(new ImportSyntax(statement));
                continue;
            }

            if (statement.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef" or "If" or "For" or "AsyncFor" or "While"
                or "With" or "AsyncWith" or "Try" or "TryStar" or "Match"))
            {
                // A simple statement: no statements inside.
                continue;
            }

            Visit(statement.Children("body"), found);
            foreach (var handler in statement.Children("handlers"))
            {
                Visit(handler.Children("body"), found);
            }

            Visit(statement.Children("orelse"), found);
            Visit(statement.Children("finalbody"), found);
            foreach (var matchCase in statement.Children("cases"))
            {
                Visit(matchCase.Children("body"), found);
            }
        }
    }

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
