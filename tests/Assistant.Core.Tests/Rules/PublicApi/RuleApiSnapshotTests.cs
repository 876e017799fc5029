using Assistant.Core.Rules;
using Assistant.Core.Source.Diff;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.PublicApi;

/// <summary>
/// The rule API (the <c>Assistant.Core.Rules</c> namespace and the Source types it exposes) is what
/// built-in and user rules compile against: a change to it must be deliberate, visible in review as a
/// diff of <c>RuleApi.approved.txt</c>.
/// </summary>
public sealed class RuleApiSnapshotTests
{
    private static readonly string Approved = Path.Combine(RepositoryLayout.Root, "tests", "Assistant.Core.Tests", "Rules", "PublicApi", "RuleApi.approved.txt");

    [Fact]
    public void Rule_Api_Should_Match_The_Approved_Snapshot()
    {
        var actual = ApiSurface.Render(typeof(IRule).Assembly, ["Assistant.Core.Rules", "Assistant.Core.Source.Syntax"]);
        var approved = File.Exists(Approved) ? File.ReadAllText(Approved).ReplaceLineEndings("\n") : string.Empty;
        var received = Path.ChangeExtension(Approved, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";

        if (actual != approved)
        {
            File.WriteAllText(received, actual);
        }

        Assert.True(actual == approved,
            $"The public rule API changed. If the change is intended (additive, documented), accept it with:\n  mv {received} {Approved}\n" +
            UnifiedDiffFormatter.Format(TextDiffer.Compute(approved, actual), "RuleApi.approved.txt", "RuleApi.received.txt"));
    }

    [Fact]
    public void Snapshot_Should_Reach_The_Source_Types_Rules_Use()
    {
        var surface = ApiSurface.Render(typeof(IRule).Assembly, ["Assistant.Core.Rules", "Assistant.Core.Source.Syntax"]);

        Assert.Contains("Assistant.Core.Source: public sealed record TextEdit", surface);
        Assert.Contains("Assistant.Core.Source: public sealed class PythonModule", surface);
        Assert.Contains("Assistant.Core.Source.Syntax: public sealed class SyntaxNode", surface);
        Assert.Contains("string? Get(string column)", surface);
        Assert.DoesNotContain("Assistant.Core.Migration", surface);
    }
}
