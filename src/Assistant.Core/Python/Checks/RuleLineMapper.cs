namespace Assistant.Core.Python.Checks;

/// <summary>
/// Finds the rule that wrote an error's line: the error's own location first, then the traceback from the
/// innermost frame outwards (the whole span of a multi-line call), in files the caller mapped (path relative to the checked root → line → rule id).
/// </summary>
internal static class RuleLineMapper
{
    public static ImportCheckError Attach(ImportCheckError error, IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? ruleLines)
    {
        if (ruleLines is null || ruleLines.Count == 0)
        {
            return error;
        }

        if (Lookup(ruleLines, error.File, error.Line) is { } direct)
        {
            return error with { RuleId = direct };
        }

        // A call spanning lines: any line of it.
        if (error.CallLine is { } first && error.EndLine is { } last)
        {
            for (var line = first; line <= last; line++)
            {
                if (Lookup(ruleLines, error.File, line) is { } inCall)
                {
                    return error with { RuleId = inCall };
                }
            }
        }

        for (var i = error.Traceback.Count - 1; i >= 0; i--)
        {
            if (Lookup(ruleLines, error.Traceback[i].File, error.Traceback[i].Line) is { } rule)
            {
                return error with { RuleId = rule };
            }
        }

        return error;
    }

    private static string? Lookup(IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> ruleLines, string? file, int? line)
    {
        if (file is null || line is null)
        {
            return null;
        }

        var normalized = Normalize(file);
        foreach (var (path, lines) in ruleLines)
        {
            if (Normalize(path) == normalized && lines.TryGetValue(line.Value, out var rule))
            {
                return rule;
            }
        }

        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');
}
