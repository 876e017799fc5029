using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>The edits one finding brings (its fix and its TODO marker): applied together or not at all.</summary>
internal sealed record EditGroup(Finding Finding, IReadOnlyList<TextEdit> Edits, string Anchor);
