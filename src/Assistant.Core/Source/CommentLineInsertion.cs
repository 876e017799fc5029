using System.Text.RegularExpressions;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Source;

/// <summary>
/// The module after inserting whole comment lines (TODO markers) at line starts, without parsing it again:
/// Python's tokenizer skips a line holding only a comment, so outside string literals and backslash
/// continuations such an insertion changes no node, only moves the positions after it, and adds its comments.
/// Null whenever that cannot be shown from the module alone; the caller parses then.
/// </summary>
public static partial class CommentLineInsertion
{
    public static PythonModule? Apply(PythonModule module, EditSet edits)
    {
        var text = module.Text;
        // A module whose tokenizer found no comment may be one it could not read: only a parse tells what it finds after the insertion.
        if (edits.IsEmpty || module.Comments.Count == 0 || !edits.Edits.All(edit => IsCommentLinesAtLineStart(text, edit)))
        {
            return null;
        }

        var offsets = edits.Edits.Select(e => e.Span.Start).Distinct().ToArray();
        foreach (var node in module.Root.Descendants())
        {
            if (node.HasPosition && offsets.Any(o => node.Span.End == o && node.Span.Start < o
                || node.Span.Start < o && o < node.Span.End && node.Kind is "Constant" or "JoinedStr" or "TemplateStr"))
            {
                return null;
            }
        }

        var inserted = edits.Edits.Select(e => (e.Span.Start, e.NewText.Length)).ToArray();
        int Map(int position)
        {
            var moved = position;
            foreach (var (start, length) in inserted)
            {
                if (start <= position)
                {
                    moved += length;
                }
            }

            return moved;
        }

        var comments = module.Comments.Select(c => c with { Span = new TextSpan(Map(c.Span.Start), Map(c.Span.End)) }).ToList();
        var delta = 0;
        foreach (var edit in edits.Edits)
        {
            foreach (Match line in CommentLine().Matches(edit.NewText))
            {
                var comment = line.Groups["comment"];
                var start = edit.Span.Start + delta + comment.Index;
                comments.Add(new Comment(new TextSpan(start, start + comment.Length), comment.Value));
            }

            delta += edit.NewText.Length;
        }

        comments.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new PythonModule(module.Path, edits.ApplyTo(text), module.Encoding, module.Root.Shifted(Map), comments);
    }

    private static bool IsCommentLinesAtLineStart(string text, TextEdit edit)
    {
        var at = edit.Span.Start;
        if (!edit.Span.IsEmpty || (at > 0 && text[at - 1] != '\n') || !CommentLines().IsMatch(edit.NewText))
        {
            return false;
        }

        // The line before must not continue onto the inserted one with a backslash.
        var end = at - 2;
        if (end >= 0 && text[end] == '\r')
        {
            end--;
        }

        return end < 0 || text[end] != '\\';
    }

    [GeneratedRegex(@"\A(?:[ \t]*#[^\r\n]*(?:\r\n|\n))+\z")]
    private static partial Regex CommentLines();

    [GeneratedRegex(@"^[ \t]*(?<comment>#[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
