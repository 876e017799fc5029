using Assistant.Core.Migration.Inventory;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Conversion;

/// <summary>The result of converting a folder: the inventory, every framework file converted, generated files, and files skipped.</summary>
public sealed record FolderConversion(RepositoryInventory Inventory, IReadOnlyList<ConvertedFile> Files, IReadOnlyList<GeneratedFile> Generated, IReadOnlyList<FileRecord> Skipped)
{
    public int TodoCount => Files.Sum(f => TodoComment.Find(f.After).Count());

    public int ConvertedLines => Files.Sum(f => Source.LineMap.For(f.After).LineCount);

    /// <summary>TODO lines per 100 lines of converted code (the rulesets' "converting is not TODO-ing" measure).</summary>
    public double TodosPer100Lines => ConvertedLines is var lines && lines == 0 ? 0 : 100.0 * TodoCount / lines;
}
