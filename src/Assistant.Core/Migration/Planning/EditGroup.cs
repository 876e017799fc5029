using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>The edits one finding brings (its fix and its TODO marker): applied together or not at all. <see cref="Anchor"/> is
/// null when no decision needed it yet (<see cref="AppliedFinding"/> computes it when read).</summary>
internal sealed record EditGroup(Finding Finding, IReadOnlyList<TextEdit> Edits, string? Anchor);
