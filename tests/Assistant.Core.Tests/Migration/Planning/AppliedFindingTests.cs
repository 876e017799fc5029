using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Migration.Planning;

public sealed class AppliedFindingTests
{
    private const string Text = "x = old(1)\ny = old(2)\n";

    private static readonly Finding First = new("T001", new TextSpan(4, 10), "rename old");

    [Fact]
    public void Should_Give_The_Anchor_Of_The_Text_It_Was_Found_In_When_Read_Later()
    {
        // Given an applied finding whose anchor was not computed when it was recorded
        var deferred = AppliedFinding.Of(First, 1, anchor: null, Text);

        // When / Then it reads as the one recorded with its anchor, and equals it
        var recorded = new AppliedFinding(First, 1, ChangeAnchor.Compute(First, Text));
        Assert.Equal(recorded.Anchor, deferred.Anchor);
        Assert.Equal(recorded, deferred);
        Assert.Equal(recorded.GetHashCode(), AppliedFinding.Of(First, 1, anchor: null, Text).GetHashCode());
        Assert.Equal(recorded.ToString(), deferred.ToString());
    }

    [Fact]
    public void Should_Keep_A_Given_Anchor_And_Let_A_Copy_Replace_It()
    {
        var given = AppliedFinding.Of(First, 1, "0123456789", Text);
        Assert.Equal("0123456789", given.Anchor);
        Assert.Equal("abc", (AppliedFinding.Of(First, 1, anchor: null, Text) with { Anchor = "abc" }).Anchor);

        // A copy of a deferred one with another finding still names the finding it was recorded for
        var second = new Finding("T001", new TextSpan(15, 21), "rename old");
        var copy = AppliedFinding.Of(First, 1, anchor: null, Text) with { Finding = second };
        Assert.Equal(ChangeAnchor.Compute(First, Text), copy.Anchor);
        Assert.NotEqual(ChangeAnchor.Compute(second, Text), copy.Anchor);
        Assert.NotEqual(new AppliedFinding(First, 1, "a"), new AppliedFinding(First, 1, "b"));
    }
}
