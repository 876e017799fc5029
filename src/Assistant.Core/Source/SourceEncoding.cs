using System.Text;

namespace Assistant.Core.Source;

/// <summary>
/// How a module's bytes map to its text, so it can be written back byte-identically: the
/// encoding declared per PEP 263 (UTF-8 by default) and whether a UTF-8 BOM preceded it.
/// The BOM is kept out of the text so spans never count it.
/// </summary>
public sealed record SourceEncoding(Encoding Encoding, bool HasBom)
{
    public static SourceEncoding Utf8 { get; } = new(new UTF8Encoding(false, true), false);

    public string Name => Encoding.WebName;

    public byte[] GetBytes(string text)
    {
        var body = Encoding.GetBytes(text);
        return HasBom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }
}
