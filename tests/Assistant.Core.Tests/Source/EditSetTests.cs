using Assistant.Core.Source;

namespace Assistant.Core.Tests.Source;

public sealed class EditSetTests
{
    [Fact]
    public void Should_Return_Text_Unchanged_When_Set_Is_Empty()
    {
        const string text = "\uFEFFx = 1\r\n\tif x:\r\n  \f pass   \n# comment\r";
        Assert.Same(text, EditSet.Empty.ApplyTo(text));
    }

    [Fact]
    public void Should_Keep_Crlf_Tabs_And_Trailing_Blanks_Around_An_Edit()
    {
        const string text = "a = 1\r\n\tb = call(x)   \r\n# keep  \r\n";
        var start = text.IndexOf("call", StringComparison.Ordinal);
        var result = EditSet.Create([TextEdit.Replace(TextSpan.FromLength(start, 4), "other")]).ApplyTo(text);
        Assert.Equal("a = 1\r\n\tb = other(x)   \r\n# keep  \r\n", result);
    }

    [Fact]
    public void Should_Apply_Edits_Given_In_Any_Order()
    {
        var result = EditSet.Create([TextEdit.Replace(new TextSpan(4, 5), "B"), TextEdit.Replace(new TextSpan(0, 1), "A")]).ApplyTo("a + b");
        Assert.Equal("A + B", result);
    }

    [Fact]
    public void Should_Reject_Overlapping_Replacements()
    {
        var error = Assert.Throws<OverlappingEditsException>(() =>
            EditSet.Create([TextEdit.Replace(new TextSpan(0, 5), "x"), TextEdit.Replace(new TextSpan(3, 8), "y")]));
        Assert.Contains("overlap", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Should_Reject_An_Insertion_Inside_A_Replaced_Range()
    {
        Assert.Throws<OverlappingEditsException>(() => EditSet.Create([TextEdit.Replace(new TextSpan(0, 5), "x"), TextEdit.Insert(2, "y")]));
    }

    [Fact]
    public void Should_Allow_Insertions_At_The_Edges_Of_A_Replacement_And_Keep_Their_Order()
    {
        var result = EditSet.Create([TextEdit.Insert(0, "1"), TextEdit.Replace(new TextSpan(0, 1), "X"), TextEdit.Insert(0, "2"), TextEdit.Insert(1, "!")]).ApplyTo("abc");
        Assert.Equal("12X!bc", result);
    }

    [Fact]
    public void Should_Say_Whether_An_Edit_Can_Be_Added()
    {
        var set = EditSet.Create([TextEdit.Replace(new TextSpan(2, 4), "x")]);
        Assert.False(set.CanAdd(TextEdit.Replace(new TextSpan(3, 6), "y")));
        Assert.True(set.CanAdd(TextEdit.Replace(new TextSpan(4, 6), "y")));
    }

    [Theory]
    [InlineData("abc", "")]
    [InlineData("def f():\r\n\treturn 1\r\n", "")]
    [InlineData("x = 'é😀'\n", "# end\n")]
    public void Should_Delete_Everything_Or_Add_At_The_End(string text, string appended)
    {
        // Given edits that delete the whole text in pieces, or append after its last character
        var pieces = EditSet.Create([TextEdit.Delete(new TextSpan(1, text.Length)), TextEdit.Delete(new TextSpan(0, 1))]);
        var append = EditSet.Create([TextEdit.Insert(text.Length, appended), TextEdit.Replace(new TextSpan(0, 1), "_")]);

        // Then nothing is left, and the appended text follows the rest unchanged
        Assert.Equal(string.Empty, pieces.ApplyTo(text));
        Assert.Equal("_" + text[1..] + appended, append.ApplyTo(text));
        Assert.Throws<ArgumentOutOfRangeException>(() => append.ApplyTo(text[..^1]));
    }

    [Fact]
    public void Should_Apply_A_Replacement_Shared_By_Several_Findings_Once_In_A_Union()
    {
        // Given two findings' edits that replace the same span with the same text, each beside an edit of its own
        var shared = TextEdit.Replace(new TextSpan(14, 15), "a, b") with { Shareable = true };
        TextEdit[] edits = [shared, TextEdit.Replace(new TextSpan(16, 17), "B"), shared with { }, TextEdit.Replace(new TextSpan(18, 19), "C")];

        // Then a set of them is an overlap, and their union applies the shared replacement once
        Assert.Throws<OverlappingEditsException>(() => EditSet.Create(edits));
        Assert.Equal("from m import a, b\nB C\n", EditSet.Union(edits).ApplyTo("from m import a\nb c\n"));
        Assert.True(edits[0].IsSharedWith(edits[2]));
        Assert.False(edits[0].IsSharedWith(shared with { Shareable = false }));
        Assert.Throws<OverlappingEditsException>(() => EditSet.Union([shared, shared with { Shareable = false }]));
    }

    [Fact]
    public void Should_Still_Reject_Differing_Replacements_And_Keep_Both_Equal_Insertions_In_A_Union()
    {
        var x = TextEdit.Replace(new TextSpan(0, 2), "x") with { Shareable = true };
        Assert.Throws<OverlappingEditsException>(() => EditSet.Union([TextEdit.Replace(new TextSpan(0, 1), "a, b") with { Shareable = true }, TextEdit.Replace(new TextSpan(0, 1), "a, c") with { Shareable = true }]));
        Assert.Throws<OverlappingEditsException>(() => EditSet.Union([x, x, TextEdit.Replace(new TextSpan(1, 3), "x") with { Shareable = true }]));
        var insert = TextEdit.Insert(1, "#") with { Shareable = true };
        Assert.False(insert.IsSharedWith(insert));
        Assert.Equal("a##b", EditSet.Union([TextEdit.Insert(1, "#"), TextEdit.Insert(1, "#")]).ApplyTo("ab"));
    }
}
