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
/// anchor's last name, its line break, or the first of two blank lines after it), so two findings adding imports in one pass overlap and the
/// second is retried on the next pass, where it sees the import: no duplicates.
/// </summary>
public static class ImportEdits
{
    public static bool Has(PythonModule module, ImportNeed need)
    {
        foreach (var (import, names) in TopLevelImport.In(module))
        {
            if (need.Name is null
                ? !import.IsFrom && names.Any(n => n.Name == need.From && n.Alias is null)
                : import.IsFrom && import.Level == 0 && import.Module == need.From && names.Any(n => n.Name == need.Name && n.Alias is null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Is <paramref name="name"/> bound at module level by something other than this import?</summary>
    public static bool IsBoundOtherwise(PythonModule module, ImportNeed need)
    {
        var bound = need.Name ?? need.From.Split('.')[0];
        foreach (var (import, names) in TopLevelImport.In(module))
        {
            foreach (var name in names.Where(n => n.BoundName == bound))
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

    public static IReadOnlyList<TextEdit> Ensure(PythonModule module, IEnumerable<ImportNeed> needs) => Update(module, needs, []);

    /// <summary>
    /// Adds <paramref name="needs"/> and drops every name imported from a <c>prefect</c> module whose
    /// uses all lie inside <paramref name="consumed"/> (the spans this fix rewrites), so a fix leaves
    /// no import of a Prefect 1 name it just converted away. Statements that change are rewritten whole.
    /// </summary>
    public static IReadOnlyList<TextEdit> Update(PythonModule module, IEnumerable<ImportNeed> needs, IReadOnlyCollection<TextSpan> consumed, IReadOnlySet<string>? alsoRemovable = null, IReadOnlySet<string>? unused = null)
    {
        var missing = needs.Distinct().Where(n => !Has(module, n)).ToList();
        var edits = new List<TextEdit>();
        var lines = new List<ImportNeed>();
        var uses = consumed.Count == 0 ? null : ModuleIndex.Of(module);
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var deleted = new List<SyntaxNode>();
        foreach (var (import, importNames) in TopLevelImport.In(module))
        {
            var statement = import.Node;
            // A statement keeps all its names unless a removal applies to from-imports, and gains none unless a missing
            // name comes from its module: such a statement needs no edit (its names are not even read).
            if (!(import.IsFrom && (unused is not null || uses is not null)) && !(import.IsFrom && missing.Any(n => n.Name is not null && n.From == import.Module)))
            {
                continue;
            }

            var isPrefect = import.IsFrom
                ? import.Level == 0 && import.Module is { } m && (m == "prefect" || m.StartsWith("prefect.", StringComparison.Ordinal))
                : false;
            if (unused is null && !isPrefect && (alsoRemovable is null || !importNames.Any(n => alsoRemovable.Contains(n.BoundName)))
                && !(import.IsFrom && missing.Any(n => n.Name is not null && n.From == import.Module)))
            {
                // No name of it may be dropped and none is added: the statement stays as it is (its names are not even read).
                continue;
            }

            var kept = importNames.ToList();
            if (unused is not null && import.IsFrom)
            {
                var used = ModuleIndex.Of(module).NameIds;
                kept = kept.Where(n => !(unused.Contains(n.BoundName) && !used.Contains(n.BoundName))).ToList();
            }

            if (uses is not null && import.IsFrom)
            {
                kept = kept.Where(n => !((isPrefect || alsoRemovable?.Contains(n.BoundName) == true) && IsConsumed(n.BoundName, uses, consumed))).ToList();
            }

            var added = import.IsFrom && import.Level == 0 && importNames.All(n => n.Name != "*") && !handled.Contains(import.Module ?? string.Empty)
                ? missing.Where(n => n.Name is not null && n.From == import.Module).ToList()
                : [];
            if (added.Count > 0)
            {
                handled.Add(import.Module!);
            }

            if (kept.Count == importNames.Count && added.Count == 0)
            {
                continue;
            }

            var names = kept.Select(n => n.Alias is null ? n.Name : $"{n.Name} as {n.Alias}").Concat(added.Select(n => n.Name!)).ToList();
            if (names.Count == 0)
            {
                deleted.Add(statement);
                continue;
            }

            var original = module.GetText(statement);
            // A relative import keeps its dots (`from .schedules import a, b` without a stays relative).
            var from = new string('.', import.Level) + import.Module;
            var text = original.Contains('(') && original.Contains('\n')
                ? $"from {from} import ({module.NewLine}{string.Join(module.NewLine, names.Select(n => $"    {n},"))}{module.NewLine})"
                : $"from {from} import {string.Join(", ", names)}";
            if (kept.Count == importNames.Count && !original.Contains('(') && !original.Contains('\\'))
            {
                // Only additions: append to the last name (keeps the statement's own text).
                var last = importNames[^1].Node;
                edits.Add(TextEdit.Replace(last.Span, module.GetText(last) + string.Join(string.Empty, added.Select(n => $", {n.Name}"))));
            }
            else
            {
                edits.Add(TextEdit.Replace(statement.Span, text));
            }
        }

        edits.AddRange(SourceLines.DeleteWholeLines(module, deleted));
        foreach (var group in missing.Where(n => n.Name is not null && !handled.Contains(n.From)).GroupBy(n => n.From))
        {
            lines.Add(new ImportNeed(group.Key, string.Join(", ", group.Select(n => n.Name))));
        }

        lines.AddRange(missing.Where(n => n.Name is null));
        if (lines.Count > 0)
        {
            var newLines = lines.Select(n => n.Name is null ? $"import {n.From}" : $"from {n.From} import {n.Name}").ToList();
            var insert = InsertLines(module, newLines);
            var clash = edits.FirstOrDefault(e => e.Span.Start < insert.Span.End && insert.Span.Start < e.Span.End);
            if (clash is not null)
            {
                // The anchor statement is deleted by this fix: the new lines take its place.
                edits.Remove(clash);
                edits.Add(TextEdit.Replace(clash.Span, clash.NewText + string.Join(module.NewLine, newLines) + module.NewLine));
            }
            else
            {
                edits.Add(insert);
            }
        }

        return edits;
    }

    /// <summary>Edits removing the from-imports of <paramref name="canonicalNames"/> that nothing uses any more
    /// (a rule's last pass, after all its conversions landed).</summary>
    public static IReadOnlyList<TextEdit> RemoveUnused(PythonModule module, PrefectSymbols symbols, params string[] canonicalNames)
    {
        var bound = symbols.Bound.Where(p => canonicalNames.Contains(p.Value, StringComparer.Ordinal)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return bound.Count == 0 ? [] : Update(module, [], [], null, bound);
    }

    /// <summary>The consumed spans to pass for one of <paramref name="count"/> conversions of the same name:
    /// only a lone conversion may drop the import at once (else a deferred one would lose its binding).</summary>
    public static IReadOnlyCollection<TextSpan> Consumed(int count, params TextSpan[] spans) => count <= 1 ? spans : [];

    // The module uses the name, and every use lies inside the consumed spans (the module's Name nodes by identifier are read once per module).
    private static bool IsConsumed(string bound, ModuleIndex uses, IReadOnlyCollection<TextSpan> consumed) =>
        uses.NamesById.TryGetValue(bound, out var mine) && mine.All(n => consumed.Any(c => c.Start <= n.Span.Start && n.Span.End <= c.End));

    private static TextEdit InsertLines(PythonModule module, IReadOnlyList<string> newLines)
    {
        var imports = TopLevelImport.In(module);
        var nl = module.NewLine;
        var block = string.Join(nl, newLines);
        var anchor = (imports.LastOrDefault(i => ImportedModules(i).Any(m => m.StartsWith("prefect", StringComparison.Ordinal))) ?? imports.LastOrDefault())?.Node;
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

        // Replace a fixed character next to the anchor so concurrent import edits overlap: the first character of the first of
        // two blank lines after it (the same text results), so that a finding of the same pass that deletes the anchor line (a
        // Prefect 1 import it converted away, as the deployment rules do with the last ones) need not wait for the next pass.
        // Two: a statement right below one blank line is deleted with that line (SourceLines.WholeLinesWithBlankAbove), by
        // this fix too. Else the anchor line's break (or its end).
        if (contentEnd < lineEnd && IsBlankLineAt(module, lineEnd) && IsBlankLineAt(module, module.Lines.LineEnd(module.Lines.LineOf(lineEnd))))
        {
            return TextEdit.Replace(new TextSpan(lineEnd, lineEnd + 1), block + nl + module.Text[lineEnd]);
        }

        return contentEnd < lineEnd
            ? TextEdit.Replace(new TextSpan(contentEnd, lineEnd), module.Text[contentEnd..lineEnd] + block + nl)
            : TextEdit.Replace(new TextSpan(anchor.Span.End - 1, anchor.Span.End), module.Text[anchor.Span.End - 1] + nl + block + nl);
    }

    // The line starting at lineStart, before the end of the text, is blank: no statement a TODO marker or a fix could put text in front of.
    private static bool IsBlankLineAt(PythonModule module, int lineStart) =>
        lineStart < module.Text.Length && SourceLines.IsBlankLine(module, module.Lines.LineOf(lineStart));

    private static IEnumerable<string> ImportedModules(TopLevelImport import) =>
        import.Import.IsFrom ? [import.Import.Module ?? string.Empty] : import.Names.Select(n => n.Name);
}
