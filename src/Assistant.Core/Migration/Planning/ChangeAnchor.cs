using System.Security.Cryptography;
using System.Text;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// A short, stable name for one finding in one file: a hash of the rule, its message and the text of
/// the construct it points at. Unrelated edits elsewhere in the file do not change it, so a decision
/// recorded against it (a change turned off) is replayed when the step is planned again.
/// </summary>
public static class ChangeAnchor
{
    public static string Compute(Finding finding, string text)
    {
        var span = finding.Span.End <= text.Length ? text.AsSpan(finding.Span.Start, finding.Span.Length) : [];
        var key = new StringBuilder(finding.RuleId.Length + finding.Message.Length + span.Length + 2)
            .Append(finding.RuleId).Append('\0').Append(finding.Message).Append('\0');
        AppendWords(key, span);
        var bytes = Encoding.UTF8.GetBytes(key.ToString());
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..5]);
    }

    // The words of the text (split at spaces, tabs and line breaks) joined by one space: layout changes keep the anchor.
    private static void AppendWords(StringBuilder key, ReadOnlySpan<char> text)
    {
        var first = true;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] is not (' ' or '\t' or '\r' or '\n'))
            {
                end++;
            }

            if (!first)
            {
                key.Append(' ');
            }

            key.Append(text[i..end]);
            first = false;
            i = end;
        }
    }
}
