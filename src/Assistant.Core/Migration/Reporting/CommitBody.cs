namespace Assistant.Core.Migration.Reporting;

/// <summary>Reads the rules a step commit applied from its body: the <c>- RULE: reason</c> lines before "Manual TODOs:".</summary>
internal static class CommitBody
{
    public static IReadOnlyList<string> Rules(string message)
    {
        var rules = new List<string>();
        foreach (var raw in message.Split('\n').Skip(1))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Manual TODOs", StringComparison.Ordinal))
            {
                break;
            }

            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                rules.Add(line[2..].Trim());
            }
        }

        return rules;
    }
}
