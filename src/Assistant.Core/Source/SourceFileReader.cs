using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Core.Source;

/// <summary>
/// Decodes Python source bytes the way CPython does (PEP 263): a UTF-8 BOM, else a coding
/// cookie on line 1 or 2, else UTF-8. Invalid bytes are an error, never a lossy replacement.
/// </summary>
public static partial class SourceFileReader
{
    static SourceFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SourceReadResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            return SourceReadResult.Failure("contains NUL bytes (binary file?)");
        }

        var hasBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = hasBom ? bytes[3..] : bytes;
        var cookie = FindCookie(body);
        Encoding encoding;
        try
        {
            encoding = cookie is null || IsUtf8Name(cookie)
                ? new UTF8Encoding(false, true)
                : Encoding.GetEncoding(DotNetName(cookie), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return SourceReadResult.Failure($"unknown encoding '{cookie}' in coding cookie");
        }

        if (hasBom && encoding is not UTF8Encoding)
        {
            return SourceReadResult.Failure($"UTF-8 BOM conflicts with coding cookie '{cookie}'");
        }

        try
        {
            var text = encoding.GetString(body);
            return SourceReadResult.Success(text, new SourceEncoding(encoding, hasBom));
        }
        catch (DecoderFallbackException exception)
        {
            var declared = cookie is null ? "UTF-8 (no coding cookie)" : $"'{cookie}'";
            return SourceReadResult.Failure($"is not valid {declared} at byte {exception.Index + (hasBom ? 3 : 0)}; add a '# -*- coding: ... -*-' line or convert it to UTF-8");
        }
    }

    private static bool IsUtf8Name(string name) =>
        name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("utf-8-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("utf_8", StringComparison.OrdinalIgnoreCase);

    // Python's codec names (PEP 263 cookies) spelled the way .NET knows them.
    private static string DotNetName(string pythonName)
    {
        var name = pythonName.ToLowerInvariant().Replace('_', '-');
        return name switch
        {
            "latin-1" or "latin1" or "l1" or "iso-latin-1" or "iso-8859-1" or "iso8859-1" or "8859" or "cp819" => "iso-8859-1",
            "ascii" or "us-ascii" or "646" => "us-ascii",
            _ when CodePage().Match(name) is { Success: true } cp => $"windows-{cp.Groups[1].Value}",
            _ when IsoName().Match(name) is { Success: true } iso => $"iso-8859-{iso.Groups[1].Value}",
            _ => name,
        };
    }

    [GeneratedRegex(@"^(?:cp|windows-)(125\d)$")]
    private static partial Regex CodePage();

    [GeneratedRegex(@"^iso-?8859-(\d+)$")]
    private static partial Regex IsoName();

    private static string? FindCookie(ReadOnlySpan<byte> body)
    {
        // The cookie may only appear on the first two lines, which are ASCII-compatible by definition.
        var lineCount = 0;
        var start = 0;
        while (lineCount < 2 && start < body.Length)
        {
            var end = body[start..].IndexOfAny((byte)'\n', (byte)'\r');
            var line = Encoding.Latin1.GetString(end < 0 ? body[start..] : body.Slice(start, end));
            var match = CookiePattern().Match(line);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            if (!BlankOrComment().IsMatch(line))
            {
                return null;
            }

            if (end < 0)
            {
                break;
            }

            start += end + 1;
            if (start < body.Length && body[start - 1] == '\r' && body[start] == '\n')
            {
                start++;
            }

            lineCount++;
        }

        return null;
    }

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")]
    private static partial Regex CookiePattern();

    [GeneratedRegex(@"^[ \t\f]*(#.*)?$")]
    private static partial Regex BlankOrComment();
}
