using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.Authoring;

/// <summary>One name an import statement binds: the local name, the fully qualified name it stands for, and where.</summary>
/// <param name="LocalName">The name the module sees (<c>t</c> for <c>from flytekit import task as t</c>).</param>
/// <param name="QualifiedName">What it refers to (<c>flytekit.task</c>; <c>flytekit</c> for <c>import flytekit.types.file</c>).</param>
/// <param name="Import">The import statement.</param>
/// <param name="Name">The name inside the statement.</param>
public sealed record ImportBinding(string LocalName, string QualifiedName, ImportSyntax Import, ImportedName Name);

/// <summary>
/// Reading and editing a module's imports in its own style: which local names come from a package,
/// what a dotted expression resolves to, adding an import once, removing names that are no longer used.
/// </summary>
public static class PythonImports
{
    /// <summary>
    /// The absolute module an import statement in <paramref name="modulePath"/> reads from:
    /// <c>from ..common import x</c> in <c>pkg/sub/mod.py</c> → <c>pkg.common</c>; an absolute import's own module.
    /// Null when a relative import climbs above the top-level package.
    /// </summary>
    public static string? AbsoluteModule(string modulePath, ImportSyntax import)
    {
        if (import.Level == 0)
        {
            return import.Module;
        }

        var parts = ProjectModel.ModuleName(modulePath).Split('.');
        var drop = modulePath.EndsWith("__init__.py", StringComparison.Ordinal) ? import.Level - 1 : import.Level;
        if (drop > parts.Length)
        {
            return null;
        }

        var package = parts.Take(parts.Length - drop);
        return string.Join('.', import.Module is null ? package : package.Append(import.Module));
    }

    /// <summary>Bindings of the module's imports (any depth) from <paramref name="roots"/> (a package and its submodules).</summary>
    public static IReadOnlyList<ImportBinding> Bindings(PythonModule module, params string[] roots) => ModuleImportFacts.Of(module).Bindings(roots);

    /// <summary>
    /// The fully qualified name a <c>Name</c>/<c>Attribute</c> chain refers to through <paramref name="bindings"/>
    /// (<c>fk.task</c> → <c>flytekit.task</c>), or null when its first part is not one of them.
    /// </summary>
    public static string? Resolve(SyntaxNode? expression, IReadOnlyList<ImportBinding> bindings)
    {
        // The chain's first name decides; the dotted text is built only for a chain that resolves (this runs for every
        // name a rule looks at). A chain that is not Name/Attribute all the way has no dotted name.
        var head = expression;
        while (head is { Kind: "Attribute" })
        {
            head = head.Child("value");
        }

        if (head is not { Kind: "Name" } || head.Scalar("id") is not { } local)
        {
            return null;
        }

        foreach (var binding in bindings)
        {
            if (binding.LocalName == local)
            {
                return ReferenceEquals(head, expression) ? binding.QualifiedName : binding.QualifiedName + expression!.DottedName()![local.Length..];
            }
        }

        return null;
    }

    /// <summary>
    /// False when <see cref="Resolve"/> can give none of <paramref name="qualifiedNames"/> for any expression, whatever the
    /// module's code: no binding stands for one of them or for a package or class they are inside. A cheap test before
    /// walking a tree for such references.
    /// </summary>
    public static bool MayResolveTo(IReadOnlyList<ImportBinding> bindings, params string[] qualifiedNames)
    {
        foreach (var binding in bindings)
        {
            var prefix = binding.QualifiedName;
            foreach (var name in qualifiedNames)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || name[prefix.Length] == '.'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when the module reads <paramref name="localName"/> anywhere outside import statements.</summary>
    public static bool IsUsed(PythonModule module, string localName) => ModuleImportFacts.Of(module).ReadNames.Contains(localName);

    /// <summary>Does some <c>Name</c> node of the module, read or assigned to, spell <paramref name="name"/>?</summary>
    public static bool IsNamed(PythonModule module, string name) => ModuleImportFacts.Of(module).AllNames.Contains(name);

    /// <summary>True when a top-level <c>import <paramref name="moduleName"/></c> (without alias) exists.</summary>
    public static bool HasPlainImport(PythonModule module, string moduleName) =>
        module.Body.Where(s => s.Is("Import")).Select(s => new ImportSyntax(s))
            .Any(i => i.Names.Any(n => n.Name == moduleName && n.Alias is null));

    /// <summary>
    /// The edit adding <c>import <paramref name="moduleName"/></c> once (null when it is there): before the first
    /// top-level import of <paramref name="anchorRoot"/> when there is one (the new package takes the old one's
    /// place), else after the last top-level import, else after the docstring.
    /// </summary>
    public static TextEdit? AddImport(PythonModule module, string moduleName, string? anchorRoot = null)
    {
        if (HasPlainImport(module, moduleName))
        {
            return null;
        }

        var statement = $"import {moduleName}{module.NewLine}";
        var imports = module.Body.TakeWhile(s => s.Kind is "Import" or "ImportFrom" or "Expr" || IsHeader(s)).Where(s => s.Kind is "Import" or "ImportFrom").ToList();
        if (imports.Count == 0)
        {
            imports = module.Body.Where(s => s.Kind is "Import" or "ImportFrom").ToList();
        }

        var anchor = anchorRoot is null ? null : imports.FirstOrDefault(s => ImportsFrom(new ImportSyntax(s), anchorRoot));
        if (anchor is not null)
        {
            return TextEdit.Insert(module.Lines.LineStart(module.Lines.LineOf(anchor.Span.Start)), statement);
        }

        if (imports.Count > 0)
        {
            var last = imports.Where(s => !(new ImportSyntax(s).IsFrom && new ImportSyntax(s).Module == "__future__")).LastOrDefault() ?? imports[^1];
            var end = module.Lines.LineEnd(module.Lines.LineOf(Math.Max(last.Span.Start, last.Span.End - 1)));
            var needsBreak = end == module.Text.Length && !module.Text.EndsWith('\n');
            return TextEdit.Insert(end, (needsBreak ? module.NewLine : string.Empty) + statement);
        }

        if (module.Body.FirstOrDefault() is { } first && first.Is("Expr") && first.Child("value") is { } value && ConstantSyntax.StringValue(value) is not null)
        {
            var end = module.Lines.LineEnd(module.Lines.LineOf(Math.Max(first.Span.Start, first.Span.End - 1)));
            return TextEdit.Insert(end, module.NewLine + statement);
        }

        return TextEdit.Insert(0, statement + module.NewLine);
    }

    /// <summary>True when the import statement imports from <paramref name="root"/> or one of its submodules.</summary>
    public static bool ImportsFrom(ImportSyntax import, string root)
    {
        bool Matches(string? name) => name is not null && name.StartsWith(root, StringComparison.Ordinal) && (name.Length == root.Length || name[root.Length] == '.');
        return import.IsFrom ? import.Level == 0 && Matches(import.Module) : import.Names.Any(n => Matches(n.Name));
    }

    /// <summary>
    /// Edits removing <paramref name="names"/> from <paramref name="import"/>: the whole statement (and its line) when
    /// none is left, else just those names and their commas.
    /// </summary>
    public static IReadOnlyList<TextEdit> RemoveNames(PythonModule module, ImportSyntax import, IEnumerable<ImportedName> names)
    {
        var removed = names.Select(n => n.Node).ToHashSet();
        var all = import.Names.Select(n => n.Node).ToList();
        if (all.All(removed.Contains))
        {
            return [RemoveStatement(module, import.Node)];
        }

        return ListItems.Remove(module, all, removed);
    }

    /// <summary>
    /// The edit deleting a simple statement: its whole lines when it is alone on them (plus one of the blank lines
    /// around it when it sat between two, so no extra gap is left), else just its text.
    /// </summary>
    public static TextEdit RemoveStatement(PythonModule module, SyntaxNode statement)
    {
        if (SourceText.WholeLines(module, statement.Span) is not { } lines)
        {
            return TextEdit.Delete(statement.Span);
        }

        var first = module.Lines.LineOf(lines.Start);
        var last = module.Lines.LineOf(lines.End - 1);
        bool Blank(int line) => line >= 1 && line <= module.Lines.LineCount && module.GetText(module.Lines.LineSpan(line)).Trim().Length == 0;
        if (Blank(first - 1) && Blank(last + 1))
        {
            return TextEdit.Delete(new TextSpan(lines.Start, module.Lines.LineEnd(last + 1)));
        }

        return TextEdit.Delete(lines);
    }

    private static bool IsHeader(SyntaxNode statement) => statement.Is("If") || statement.Is("Try");
}
