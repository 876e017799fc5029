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
