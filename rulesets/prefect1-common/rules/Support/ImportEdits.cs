using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>One import the converted code needs: <c>from From import Name</c>, or <c>import From</c> when Name is null.</summary>
public sealed record ImportNeed(string From, string? Name)
{
    public static ImportNeed Of(string from, string name) => new(from, name);

    public static ImportNeed Module(string dotted) => new(dotted, null);
}

/// <summary>
/// Adds the imports converted code needs: a name is appended to an existing single-line
/// <c>from module import …</c> when there is one, else new lines go after the module's last
/// Prefect (or any) top-level import, or after the docstring. Edits replace a fixed span (the
/// anchor's last name or line break), so two findings adding imports in one pass overlap and the
/// second is retried on the next pass, where it sees the import: no duplicates.
/// </summary>
public static class ImportEdits
{
    public static bool Has(PythonModule module, ImportNeed need) =>
        need.Name is null
            ? module.Body.Where(s => s.Is("Import")).Select(s => new ImportSyntax(s)).Any(i => i.Names.Any(n => n.Name == need.From && n.Alias is null))
            : module.Body.Where(s => s.Is("ImportFrom")).Select(s => new ImportSyntax(s))
                .Any(i => i.Level == 0 && i.Module == need.From && i.Names.Any(n => n.Name == need.Name && n.Alias is null));

    /// <summary>Is <paramref name="name"/> bound at module level by something other than this import?</summary>
    public static bool IsBoundOtherwise(PythonModule module, ImportNeed need)
    {
        var bound = need.Name ?? need.From.Split('.')[0];
        foreach (var import in module.Body.Where(s => s.Kind is "Import" or "ImportFrom").Select(s => new ImportSyntax(s)))
        {
            foreach (var name in import.Names.Where(n => n.BoundName == bound))
            {
                var same = need.Name is null ? !import.IsFrom && (name.Name.Split('.')[0] == bound) : import.IsFrom && import.Module == need.From && name.Name == need.Name;
                if (!same)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static IReadOnlyList<TextEdit> Ensure(PythonModule module, IEnumerable<ImportNeed> needs)
    {
        var missing = needs.Distinct().Where(n => !Has(module, n)).ToList();
        var edits = new List<TextEdit>();
        var lines = new List<ImportNeed>();
        foreach (var group in missing.Where(n => n.Name is not null).GroupBy(n => n.From))
        {
            var existing = module.Body.Where(s => s.Is("ImportFrom")).Select(s => new ImportSyntax(s))
                .FirstOrDefault(i => i.Level == 0 && i.Module == group.Key && i.Names.All(n => n.Name != "*"));
            if (existing is not null)
            {
                var last = existing.Names[^1].Node;
                var added = string.Join(string.Empty, group.Select(n => $", {n.Name}"));
                edits.Add(TextEdit.Replace(last.Span, module.GetText(last) + added));
            }
            else
            {
                lines.Add(new ImportNeed(group.Key, string.Join(", ", group.Select(n => n.Name))));
            }
        }

        lines.AddRange(missing.Where(n => n.Name is null));
        if (lines.Count > 0)
        {
            edits.Add(InsertLines(module, lines.Select(n => n.Name is null ? $"import {n.From}" : $"from {n.From} import {n.Name}").ToList()));
        }

        return edits;
    }

    private static TextEdit InsertLines(PythonModule module, IReadOnlyList<string> newLines)
    {
        var imports = module.Body.Where(s => s.Kind is "Import" or "ImportFrom").ToList();
        var nl = module.NewLine;
        var block = string.Join(nl, newLines);
        var anchor = imports.LastOrDefault(s => ImportedModules(s).Any(m => m.StartsWith("prefect", StringComparison.Ordinal))) ?? imports.LastOrDefault();
        if (anchor is null)
        {
            var first = module.Body.FirstOrDefault();
            if (first is not null && first.Is("Expr") && ConstantSyntax.StringValue(first.Child("value")) is not null)
            {
                anchor = first;
                block = nl + block;
            }
            else if (first is not null)
            {
                var start = module.Lines.LineStart(module.Lines.LineOf(first.Span.Start));
                return TextEdit.Replace(new TextSpan(start, start + 1), block + nl + nl + module.Text[start]);
            }
            else
            {
                return TextEdit.Insert(module.Text.Length, block + nl);
            }
        }

        var lineEnd = module.Lines.LineEnd(module.Lines.LineOf(anchor.Span.End - 1));
        var contentEnd = lineEnd;
        while (contentEnd > anchor.Span.End && module.Text[contentEnd - 1] is '\r' or '\n')
        {
            contentEnd--;
        }

        // Replace the anchor line's break (or its end) so concurrent import edits overlap.
        return contentEnd < lineEnd
            ? TextEdit.Replace(new TextSpan(contentEnd, lineEnd), module.Text[contentEnd..lineEnd] + block + nl)
            : TextEdit.Replace(new TextSpan(anchor.Span.End - 1, anchor.Span.End), module.Text[anchor.Span.End - 1] + nl + block + nl);
    }

    private static IEnumerable<string> ImportedModules(SyntaxNode statement)
    {
        var import = new ImportSyntax(statement);
        return import.IsFrom ? [import.Module ?? string.Empty] : import.Names.Select(n => n.Name);
    }
}
