using System.Text;

namespace Assistant.Core.Source.Diff;

/// <summary>Renders a <see cref="TextDiff"/> as plain unified-diff text (what <c>git apply</c> reads).</summary>
public static class UnifiedDiffFormatter
{
    public static string Format(TextDiff diff, string oldPath, string newPath)
    {
        if (diff.IsEmpty)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        builder.Append("--- ").Append(oldPath).Append('\n');
        builder.Append("+++ ").Append(newPath).Append('\n');
        foreach (var hunk in diff.Hunks)
        {
            builder.Append(hunk.Header).Append('\n');
            foreach (var line in hunk.Lines)
            {
                builder.Append(line.Kind switch
                {
                    DiffLineKind.Added => '+',
                    DiffLineKind.Removed => '-',
                    _ => ' ',
                });
                builder.Append(line.Text).Append('\n');
                if (!line.HasNewLine)
                {
                    builder.Append("\\ No newline at end of file\n");
                }
            }
        }

        return builder.ToString();
    }
}
