using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Python.Checks;

/// <summary>Reads the <c># TODO(flowmigrate RULE): text</c> markers of a converted file (same format the rules write).</summary>
internal static partial class TodoMarkers
{
    public static List<string> Read(string text) =>
        Marker().Matches(text).Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.TrimEnd()}").ToList();

    /// <summary>The markers on the lines right above <paramref name="line"/> (1-based), where a rule puts the TODO of the
    /// construct that starts on that line, top one first.</summary>
    public static List<string> Above(string text, int line)
    {
        var lines = LineMap.For(text);
        if (line < 1 || line > lines.LineCount)
        {
            return [];
        }

        var first = TodoComment.FirstMarkerLineAbove(text, lines, line);
        return Read(text[lines.LineStart(first)..lines.LineStart(line)]);
    }

    [GeneratedRegex(@"#\s*TODO\(flowmigrate ([A-Za-z0-9_-]+)\):[ \t]*([^\r\n]*)")]
    private static partial Regex Marker();
}
