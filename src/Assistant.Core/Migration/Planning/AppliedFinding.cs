using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>A finding and what became of it; <see cref="Line"/> is where it was found (1-based, in the text of that pass),
/// <see cref="Anchor"/> names it for decisions (<see cref="ChangeAnchor"/>).</summary>
public sealed record AppliedFinding(Finding Finding, int Line, string Anchor);
