namespace Assistant.Core.Migration.Session;

/// <summary>
/// Identifies one proposed change so a decision about it (turned off, skipped) survives re-planning
/// and unrelated edits: the rule, the file, and an anchor made of the changed text's content and its
/// occurrence number among identical texts. Written as <c>RULE@file:anchor</c> in commit trailers.
/// </summary>
public sealed record ChangeKey(string RuleId, string File, string Anchor)
{
    public override string ToString() => $"{RuleId}@{File}:{Anchor}";

    public static ChangeKey? Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = at < 0 ? -1 : text.IndexOf(':', at);
        return at <= 0 || colon < 0 ? null : new ChangeKey(text[..at], text[(at + 1)..colon], text[(colon + 1)..]);
    }
}
