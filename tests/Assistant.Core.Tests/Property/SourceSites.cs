using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Property;

/// <summary>Where a variant may change a module: nodes outside f-strings (whose inner positions and grammar differ), with their line's indentation.</summary>
internal static class SourceSites
{
    public static IEnumerable<SyntaxNode> Nodes(PythonModule module, string kind) =>
        module.Root.Descendants(node => !node.Is("JoinedStr")).Where(node => node.Is(kind) && node.HasPosition);

    public static string Indentation(PythonModule module, int offset)
    {
        var start = module.Lines.LineStart(module.Lines.LineOf(offset));
        var end = start;
        while (end < module.Text.Length && module.Text[end] is ' ' or '\t')
        {
            end++;
        }

        return module.Text[start..end];
    }

    /// <summary>True when only blanks come before <paramref name="offset"/> on its line.</summary>
    public static bool StartsLine(PythonModule module, int offset)
    {
        var start = module.Lines.LineStart(module.Lines.LineOf(offset));
        return module.Text.AsSpan(start, offset - start).Trim(" \t").IsEmpty;
    }

    /// <summary>The arguments and keywords of a call in source order.</summary>
    public static List<SyntaxNode> Arguments(SyntaxNode call) =>
        call.Children("args").Concat(call.Children("keywords")).Where(a => a.HasPosition).OrderBy(a => a.Span.Start).ToList();
}
