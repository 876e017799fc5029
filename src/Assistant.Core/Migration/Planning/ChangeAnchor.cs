using System.Buffers;
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
    // Keys up to this many characters are built on the stack; longer ones in pooled arrays.
    private const int StackChars = 256;

    /// <summary>The first ten hex digits of SHA-256 over UTF-8 of <c>rule NUL message NUL words</c>, where words are the
    /// finding's text split at spaces, tabs and line breaks and joined by one space (layout changes keep the anchor).</summary>
    public static string Compute(Finding finding, string text)
    {
        var span = finding.Span.End <= text.Length ? text.AsSpan(finding.Span.Start, finding.Span.Length) : [];
        var length = finding.RuleId.Length + finding.Message.Length + span.Length + 2;
        char[]? rentedChars = null;
        var key = length <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        finding.RuleId.CopyTo(key);
        written += finding.RuleId.Length;
        key[written++] = '\0';
        finding.Message.CopyTo(key[written..]);
        written += finding.Message.Length;
        key[written++] = '\0';
        written += CopyWords(span, key[written..]);

        // The whole key is encoded at once, as one string would be (a surrogate pair is never split between two calls).
        var chars = key[..written];
        var byteCount = Encoding.UTF8.GetByteCount(chars);
        byte[]? rentedBytes = null;
        var bytes = byteCount <= StackChars * 3 ? stackalloc byte[StackChars * 3] : (rentedBytes = ArrayPool<byte>.Shared.Rent(byteCount));
        Encoding.UTF8.GetBytes(chars, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..byteCount], hash);
        if (rentedChars is not null)
        {
            ArrayPool<char>.Shared.Return(rentedChars);
        }

        if (rentedBytes is not null)
        {
            ArrayPool<byte>.Shared.Return(rentedBytes);
        }

        return Convert.ToHexStringLower(hash[..5]);
    }

    // The words of the text (split at spaces, tabs and line breaks) joined by one space; never longer than the text.
    private static int CopyWords(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
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

            if (written > 0)
            {
                destination[written++] = ' ';
            }

            text[i..end].CopyTo(destination[written..]);
            written += end - i;
            i = end;
        }

        return written;
    }
}
