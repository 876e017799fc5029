using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reporting;

/// <summary>Compares output with an expected file kept in the repo; on a mismatch writes <c>*.received.*</c> beside it (git-ignored).</summary>
internal static class Golden
{
    public static void Assert(string relativePath, string actual)
    {
        var expected = Path.Combine(CliProcess.Root, "tests", "Assistant.Cli.Tests", relativePath);
        var received = Path.Combine(Path.GetDirectoryName(expected)!, Path.GetFileNameWithoutExtension(expected) + ".received" + Path.GetExtension(expected));
        var expectedText = File.Exists(expected) ? File.ReadAllText(expected) : null;
        if (expectedText == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Xunit.Assert.Fail(expectedText is null
            ? $"no expected file {expected}; the output is in {received}: review it and rename it to accept"
            : $"output differs from {expected}; see {received}");
    }
}
