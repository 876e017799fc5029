using System.Security.Cryptography;
using System.Text;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Migration.Planning;

/// <summary>Anchors are stored (state.json, turned-off changes) and must name the same finding across versions.</summary>
public sealed class ChangeAnchorTests
{
    [Theory]
    [InlineData("x = old(1)\n", 4, 10)]
    [InlineData("def f(\n\ta,\r\n    b ,  c):\n  pass\n", 0, 29)]
    [InlineData("s = 'héllo 😀 wörld'  # ünïcode\n", 4, 31)]
    [InlineData("x = 1\n", 2, 40)]
    [InlineData("\t \n  \n", 0, 5)]
    public void Should_Hash_The_Rule_The_Message_And_The_Words_Of_The_Text(string text, int start, int end)
    {
        // Given a finding over a span (one past the end of the text gives no words)
        var finding = new Finding("FLY101", new TextSpan(start, end), "use flyte.TaskEnvironment");

        // When its anchor is computed
        var anchor = ChangeAnchor.Compute(finding, text);

        // Then it is the first ten hex digits of SHA-256 over "rule NUL message NUL words joined by one space"
        Assert.Equal(Reference(finding, text), anchor);
    }

    [Fact]
    public void Should_Give_Long_Texts_And_Lone_Surrogates_The_Same_Anchor_As_One_String_Would()
    {
        // Given a long construct (more than fits a small buffer) holding a surrogate pair and a lone surrogate
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => $"value_{i} =\tcall(\"😀\", {i})\r\n")) + "x = '\ud800'\n";
        var finding = new Finding("PF320", new TextSpan(0, text.Length), new string('m', 500));

        // When / Then
        Assert.Equal(Reference(finding, text), ChangeAnchor.Compute(finding, text));
    }

    [Fact]
    public void Should_Keep_The_Anchor_When_Only_The_Layout_Changes()
    {
        var anchor = ChangeAnchor.Compute(new Finding("R1", new TextSpan(0, 10), "m"), "call(a, b)\n");
        Assert.Equal(anchor, ChangeAnchor.Compute(new Finding("R1", new TextSpan(0, 15), "m"), "call(a,\n     b)\n"));
        Assert.Equal(anchor, ChangeAnchor.Compute(new Finding("R1", new TextSpan(2, 17), "m"), "\t\tcall(a,  \t b) \n"));
        Assert.NotEqual(anchor, ChangeAnchor.Compute(new Finding("R1", new TextSpan(0, 10), "m"), "call(a, c)\n"));
        Assert.NotEqual(anchor, ChangeAnchor.Compute(new Finding("R2", new TextSpan(0, 10), "m"), "call(a, b)\n"));
    }

    private static string Reference(Finding finding, string text)
    {
        var span = finding.Span.End <= text.Length ? text.Substring(finding.Span.Start, finding.Span.Length) : string.Empty;
        var words = string.Join(' ', span.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.RuleId}\0{finding.Message}\0{words}"));
        return Convert.ToHexStringLower(hash)[..10];
    }
}
