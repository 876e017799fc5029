using Assistant.Core.Source.Diff;

namespace Assistant.Core.Migration.Reporting;

/// <summary>The change a step made to one file: <see cref="OldPath"/> is where the text came from (the original module before
/// the first side-by-side step), <see cref="Path"/> the converted file.</summary>
public sealed record FileDiff(string OldPath, string Path, TextDiff Diff);
