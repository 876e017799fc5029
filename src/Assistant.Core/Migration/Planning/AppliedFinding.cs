using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>A finding whose fix or TODO went into the output; <see cref="Line"/> is where it was found (1-based, in the text of that pass).</summary>
public sealed record AppliedFinding(Finding Finding, int Line);
