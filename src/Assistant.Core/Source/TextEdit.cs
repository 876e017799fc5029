namespace Assistant.Core.Source;

/// <summary>Replace the text of <see cref="Span"/> with <see cref="NewText"/>. An empty span inserts.</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public static TextEdit Insert(int position, string text) => new(new TextSpan(position, position), text);

    public static TextEdit Delete(TextSpan span) => new(span, string.Empty);

    public static TextEdit Replace(TextSpan span, string text) => new(span, text);

    public override string ToString() => $"{Span} -> \"{NewText}\"";
}
