using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>A finding and what became of it; <see cref="Line"/> is where it was found (1-based, in the text of that pass),
/// <see cref="Anchor"/> names it for decisions (<see cref="ChangeAnchor"/>).</summary>
public sealed record AppliedFinding(Finding Finding, int Line, string Anchor)
{
    private string? _anchor = Anchor;

    // The finding and the text it was found in, while its anchor is not computed yet.
    private (Finding Finding, string Text)? _unhashed;

    // Hashing the text of a large construct is costly and most runs (convert, diff) never read the anchor of an applied
    // finding: given the text it was found in, the anchor is computed on first read (the same value, from the same text).
    private AppliedFinding(Finding finding, string foundIn, int line)
        : this(finding, line, Anchor: null!) => _unhashed = (finding, foundIn);

    public string Anchor
    {
        get => _anchor ??= ChangeAnchor.Compute(_unhashed!.Value.Finding, _unhashed.Value.Text);
        init
        {
            _anchor = value;
            _unhashed = null;
        }
    }

    /// <summary>An applied finding whose anchor is <paramref name="anchor"/>, or when that is null, the anchor of the finding
    /// in <paramref name="text"/> computed when first read.</summary>
    internal static AppliedFinding Of(Finding finding, int line, string? anchor, string text) =>
        anchor is null ? new AppliedFinding(finding, text, line) : new AppliedFinding(finding, line, anchor);

    public bool Equals(AppliedFinding? other) =>
        other is not null && Finding == other.Finding && Line == other.Line && Anchor == other.Anchor;

    public override int GetHashCode() => HashCode.Combine(Finding, Line, Anchor);
}
