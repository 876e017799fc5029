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

        // The edits are sorted by position: the insertion points ascending (with repeats), and the text each adds before a position.
        var sorted = edits.Edits;
        var offsets = new int[sorted.Count];
        var addedBefore = new int[sorted.Count + 1];
        for (var i = 0; i < sorted.Count; i++)
        {
            offsets[i] = sorted[i].Span.Start;
            addedBefore[i + 1] = addedBefore[i] + sorted[i].NewText.Length;
        }

        foreach (var node in module.Root.Descendants())
        {
            if (node.HasPosition && (EndsAtInsertion(node, offsets) || (node.Kind is "Constant" or "JoinedStr" or "TemplateStr" && HasInsertionInside(node, offsets))))
            {
                return null;
            }
        }

        var map = new InsertionMap(offsets, addedBefore);
        var comments = new List<Comment>(module.Comments.Count + sorted.Count);
        foreach (var comment in module.Comments)
        {
            comments.Add(comment with { Span = new TextSpan(map.Map(comment.Span.Start), map.Map(comment.Span.End)) });
        }

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
        return new PythonModule(module.Path, edits.ApplyTo(text), module.Encoding, module.Root.Shifted(map), comments) { CommentsCollected = module.CommentsCollected };
    }

    // A position of the text before the insertions, in the text after them: moved by what is inserted at or before it.
    private readonly struct InsertionMap(int[] offsets, int[] addedBefore) : IPositionMap
    {
        public int Map(int position) => position + addedBefore[InsertionsAtOrBefore(offsets, position)];
    }

    // An insertion where a node ends (after its start) would become part of it.
    private static bool EndsAtInsertion(SyntaxNode node, int[] offsets) =>
        node.Span.Start < node.Span.End && Array.BinarySearch(offsets, node.Span.End) >= 0;

    private static bool HasInsertionInside(SyntaxNode node, int[] offsets)
    {
        var next = InsertionsAtOrBefore(offsets, node.Span.Start);
        return next < offsets.Length && offsets[next] < node.Span.End;
    }

    // How many insertion points are at or before the position (the index of the first one after it).
    private static int InsertionsAtOrBefore(int[] offsets, int position)
    {
        int low = 0, high = offsets.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (offsets[middle] <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
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
