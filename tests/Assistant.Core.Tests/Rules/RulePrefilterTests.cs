using Assistant.Core.Rules;

namespace Assistant.Core.Tests.Rules;

public sealed class RulePrefilterTests
{
    [Theory]
    [InlineData("x = t(mapped=True)\n", false)]
    [InlineData("mapped\n", false)]
    [InlineData("x = y.mapped", false)]
    [InlineData("x = t(unmapped(y))\n", true)]
    [InlineData("x = mapped_t(y)\n", true)]
    [InlineData("x = t2mapped\n", true)]
    [InlineData("x = a >> b\n", false)]
    [InlineData("x = a > b\n", true)]
    [InlineData("x = é(mapped)\n", false)]
    public void Should_Match_Identifiers_As_Whole_Words_And_Other_Mentions_As_Text(string text, bool excluded)
    {
        // Given a rule that mentions an identifier and an operator
        var prefilter = new RulePrefilter([new Mentioning("mapped", ">>")], RulesetTables.Empty);

        // Then it is left out exactly where neither is written (never in text that is not ASCII)
        Assert.Equal(excluded, prefilter.Excludes(0, text, System.Text.Ascii.IsValid(text)));
    }

    [Fact]
    public void Should_Never_Leave_Out_A_Rule_That_Names_No_Mentions()
    {
        var prefilter = new RulePrefilter([new Plain()], RulesetTables.Empty);

        Assert.False(prefilter.Excludes(0, "x = 1\n", ascii: true));
    }

    private sealed class Mentioning(params string[] words) : IPrefilteredRule
    {
        public RuleDescriptor Descriptor { get; } = new("T001", "mentions", "s", Safety.Safe, "mentions", "tests", "");

        public IReadOnlyList<string> Mentions(RulesetTables tables) => words;

        public IEnumerable<Finding> Analyze(RuleContext context) => [];
    }

    private sealed class Plain : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T002", "plain", "s", Safety.Safe, "plain", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) => [];
    }
}
