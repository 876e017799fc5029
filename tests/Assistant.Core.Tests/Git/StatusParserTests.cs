using System.Text;
using Assistant.Core.Git;

namespace Assistant.Core.Tests.Git;

public sealed class StatusParserTests
{
    private const string Zeros = "0000000000000000000000000000000000000000";

    [Fact]
    public void Should_Parse_Every_Record_Type_When_Output_Has_All_Of_Them()
    {
        var output = Nul(
            "# branch.oid (initial)",
            $"1 .M N... 100644 100644 100644 {Zeros} {Zeros} flows/etl pipeline.py",
            $"2 R. N... 100644 100644 100644 {Zeros} {Zeros} R100 new name.py",
            "old name.py",
            $"u UU N... 100644 100644 100644 100644 {Zeros} {Zeros} {Zeros} conflict.py",
            "? -rf.py",
            "! build/out.bin",
            $"1 .M S.M. 160000 160000 160000 {Zeros} {Zeros} vendor/lib");

        var entries = StatusParser.Parse(output);

        Assert.Equal(
            [
                new StatusEntry(StatusEntryKind.Changed, '.', 'M', "flows/etl pipeline.py"),
                new StatusEntry(StatusEntryKind.RenamedOrCopied, 'R', '.', "new name.py") { OriginalPath = "old name.py" },
                new StatusEntry(StatusEntryKind.Unmerged, 'U', 'U', "conflict.py"),
                new StatusEntry(StatusEntryKind.Untracked, '?', '?', "-rf.py"),
                new StatusEntry(StatusEntryKind.Ignored, '!', '!', "build/out.bin"),
                new StatusEntry(StatusEntryKind.Changed, '.', 'M', "vendor/lib") { IsSubmodule = true },
            ],
            entries);
    }

    [Fact]
    public void Should_Return_No_Entries_When_Output_Is_Empty()
    {
        Assert.Empty(StatusParser.Parse([]));
    }

    [Fact]
    public void Should_Throw_FormatException_When_A_Record_Is_Unknown()
    {
        Assert.Throws<FormatException>(() => StatusParser.Parse(Nul("X what")));
    }

    [Fact]
    public void Should_Throw_FormatException_When_A_Rename_Has_No_Original_Path()
    {
        Assert.Throws<FormatException>(() => StatusParser.Parse(Nul($"2 R. N... 100644 100644 100644 {Zeros} {Zeros} R100 new.py")));
    }

    private static byte[] Nul(params string[] fields) => Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f + "\0")));
}
