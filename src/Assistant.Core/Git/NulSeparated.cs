using System.Text;

namespace Assistant.Core.Git;

/// <summary>Splits git's <c>-z</c> output. UTF-8 never puts a 0 byte inside a character, so decoding first is safe.</summary>
internal static class NulSeparated
{
    /// <summary>The NUL-terminated fields of <paramref name="output"/>; a missing final terminator is tolerated.</summary>
    public static IReadOnlyList<string> Fields(byte[] output)
    {
        var text = Encoding.UTF8.GetString(output);
        var fields = text.Split('\0');
        return text.EndsWith('\0') ? fields[..^1] : text.Length == 0 ? [] : fields;
    }

    public static byte[] Join(IEnumerable<string> values) =>
        Encoding.UTF8.GetBytes(string.Concat(values.Select(value => value + "\0")));
}
