namespace Assistant.Core.Source;

/// <summary>Decoded text and its encoding, or why the bytes are not readable Python source.</summary>
public sealed record SourceReadResult(string? Text, SourceEncoding? Encoding, string? Error)
{
    public bool IsSuccess => Error is null;

    public static SourceReadResult Success(string text, SourceEncoding encoding) => new(text, encoding, null);

    public static SourceReadResult Failure(string error) => new(null, null, error);
}
