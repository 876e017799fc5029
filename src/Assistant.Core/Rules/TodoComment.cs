using System.Text.RegularExpressions;
using Assistant.Core.Source;

namespace Assistant.Core.Rules;

/// <summary>
/// Writes and reads the <c># TODO(flowmigrate RULEID): text</c> markers. A marker goes on its own
/// line above the line where the construct starts, with that line's indentation; it is not written
/// twice, so running a ruleset again leaves the file unchanged.
/// </summary>
public static partial class TodoComment
{
    public static string Format(string ruleId, string text) =>
        $"# TODO(flowmigrate {ruleId}): {string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}";

    /// <summary>The edit that inserts the marker above <paramref name="position"/>'s line, or null when it is already there.</summary>
    public static TextEdit? InsertAbove(PythonModule module, int position, string ruleId, string text) =>
        InsertAbove(module.Text, module.Lines, position, ruleId, text, module.NewLine);

    public static TextEdit? InsertAbove(string source, LineMap lines, int position, string ruleId, string text, string newLine)
    {
        var line = lines.LineOf(Math.Min(position, Math.Max(0, source.Length - 1)));

        // A comment line may not follow a backslash continuation: the marker goes above the logical line.
        while (line > 1 && ContinuesOnNextLine(source[lines.LineStart(line - 1)..lines.LineEnd(line - 1)]))
        {
            line--;
        }

        var lineStart = lines.LineStart(line);
        var indentEnd = lineStart;
        while (indentEnd < source.Length && source[indentEnd] is ' ' or '\t')
        {
            indentEnd++;
        }

        var marker = Format(ruleId, text);
        for (var above = line - 1; above >= 1; above--)
        {
            var content = source[lines.LineStart(above)..lines.LineEnd(above)].Trim();
            if (!content.StartsWith("# TODO(flowmigrate ", StringComparison.Ordinal))
            {
                break;
            }

            if (content == marker)
            {
                return null;
            }
        }

        return TextEdit.Insert(lineStart, source[lineStart..indentEnd] + marker + newLine);
    }

    /// <summary>The first line of the markers right above <paramref name="line"/> (1-based), or <paramref name="line"/> when none is.</summary>
    public static int FirstMarkerLineAbove(string source, LineMap lines, int line)
    {
        while (line > 1 && source[lines.LineStart(line - 1)..lines.LineEnd(line - 1)].TrimStart().StartsWith("# TODO(flowmigrate ", StringComparison.Ordinal))
        {
            line--;
        }

        return line;
    }

    private static bool ContinuesOnNextLine(string line)
    {
        var content = line.TrimEnd('\r', '\n', ' ', '\t');
        return content.EndsWith('\\') && !content.TrimStart().StartsWith('#');
    }

    /// <summary>Every marker in a text: (1-based line, rule id, message).</summary>
    public static IEnumerable<(int Line, string RuleId, string Text)> Find(string source)
    {
        var lines = LineMap.For(source);
        foreach (Match match in Marker().Matches(source))
        {
            yield return (lines.LineOf(match.Index), match.Groups[1].Value, match.Groups[2].Value.TrimEnd());
        }
    }

    [GeneratedRegex(@"#\s*TODO\(flowmigrate ([A-Za-z0-9_-]+)\):[ \t]*([^\r\n]*)")]
    private static partial Regex Marker();
}
