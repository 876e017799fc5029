namespace Assistant.Core.Source;

/// <summary>Replace the text of <see cref="Span"/> with <see cref="NewText"/>. An empty span inserts.</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public static TextEdit Insert(int position, string text) => new(new TextSpan(position, position), text);

    public static TextEdit Delete(TextSpan span) => new(span, string.Empty);

    public static TextEdit Replace(TextSpan span, string text) => new(span, text);

    /// <summary>
    /// Set by a rule that vouches for this edit being all any finding of it has to say about its span: a finding that brings
    /// the same edit would, applied after another that brought it, bring its other edits unchanged (e.g. adding a name to an
    /// import that nothing removes from). Such findings may then be applied in one pass (<see cref="IsSharedWith"/>). Left false,
    /// a second finding with the same edit waits for the next pass and is computed again on the text the first one left (its
    /// rule may do more then, e.g. drop an import the last conversion leaves unused).
    /// </summary>
    public bool Shareable { get; init; }

    /// <summary>
    /// True when this edit and <paramref name="other"/> are both <see cref="Shareable"/> and replace the same non-empty span with
    /// the same text: both say the same thing about that span, so the replacement applied once fulfils both findings
    /// (<see cref="EditSet.Union"/>). Insertions never share: two equal insertions at one point insert twice.
    /// </summary>
    public bool IsSharedWith(TextEdit other) => Shareable && other.Shareable && !Span.IsEmpty && Span == other.Span && NewText == other.NewText;

    public override string ToString() => $"{Span} -> \"{NewText}\"";
}
