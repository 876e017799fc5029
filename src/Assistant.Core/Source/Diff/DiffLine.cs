namespace Assistant.Core.Source.Diff;

/// <summary>One line of a hunk. <see cref="Text"/> has no line terminator; <see cref="HasNewLine"/>
/// is false for a last line without one. Line numbers are 1-based and null where not applicable.</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? OldNumber, int? NewNumber, bool HasNewLine = true);
