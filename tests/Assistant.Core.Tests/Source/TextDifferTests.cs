using Assistant.Core.Source.Diff;

namespace Assistant.Core.Tests.Source;

public sealed class TextDifferTests
{
    [Fact]
    public void Should_Render_A_Unified_Diff_With_Context()
    {
        var before = string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n"));
        var after = before.Replace("line 5\n", "line five\n", StringComparison.Ordinal);
        var text = UnifiedDiffFormatter.Format(TextDiffer.Compute(before, after), "a/m.py", "b/m.py");
        Assert.Equal("--- a/m.py\n+++ b/m.py\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n", text);
    }

    [Fact]
    public void Should_Find_A_Shortest_Edit_That_Rebuilds_Both_Texts()
    {
        // Random texts of few distinct lines (many equal lines: many paths of the search to choose from), seeded.
        var random = new Random(20261122);
        string[] alphabet = ["a\n", "b\n", "c\n", "a\r\n", "d"];
        for (var round = 0; round < 400; round++)
        {
            var before = Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(4)]).ToList();
            var after = Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length - 1)]).ToList();
            if (random.Next(3) == 0)
            {
                after.Add(alphabet[^1]);
            }

            var diff = TextDiffer.Compute(string.Concat(before), string.Concat(after), context: 1000);

            // Minimal: every line outside a longest common subsequence is removed or added, and no other.
            var common = LongestCommonSubsequence(before, after);
            Assert.Equal(before.Count - common, diff.Removed);
            Assert.Equal(after.Count - common, diff.Added);

            // Whole: with that much context one hunk holds every line, and its two sides are the two texts.
            if (diff.IsEmpty)
            {
                Assert.Equal(before, after);
                continue;
            }

            var lines = Assert.Single(diff.Hunks).Lines;
            Assert.Equal(before.Select(Text), lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text));
            Assert.Equal(after.Select(Text), lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text));
        }

        static string Text(string line) => line.TrimEnd('\r', '\n');
    }

    private static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        return lengths[0, 0];
    }

    [Fact]
    public void Should_Be_Empty_For_Equal_Texts()
    {
        Assert.True(TextDiffer.Compute("a\nb\n", "a\nb\n").IsEmpty);
    }

    [Fact]
    public void Should_Count_A_Line_Ending_Change_As_A_Change()
    {
        var diff = TextDiffer.Compute("a\r\nb\n", "a\nb\n");
        Assert.Equal(1, diff.Removed);
        Assert.Equal(1, diff.Added);
    }

    [Fact]
    public void Should_Mark_A_Missing_Final_Newline()
    {
        var text = UnifiedDiffFormatter.Format(TextDiffer.Compute("a\n", "a\nb"), "a", "b");
        Assert.EndsWith("+b\n\\ No newline at end of file\n", text);
    }

    [Fact]
    public void Should_Produce_A_Diff_That_Git_Apply_Accepts()
    {
        var directory = Directory.CreateTempSubdirectory("flowmigrate-diff-");
        try
        {
            var before = "import os\n\ndef f():\n    return 1\n\n\nprint(f())\n";
            var after = "import os\nimport sys\n\ndef f():\n    return 2\n\n\nprint(f(), file=sys.stderr)\n";
            File.WriteAllText(Path.Combine(directory.FullName, "m.py"), before);
            File.WriteAllText(Path.Combine(directory.FullName, "p.diff"), UnifiedDiffFormatter.Format(TextDiffer.Compute(before, after, 1), "a/m.py", "b/m.py"));
            var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["apply", "p.diff"]) { WorkingDirectory = directory.FullName, RedirectStandardError = true })!;
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
            Assert.Equal(after, File.ReadAllText(Path.Combine(directory.FullName, "m.py")));
        }
        finally
        {
            directory.Delete(true);
        }
    }
}
