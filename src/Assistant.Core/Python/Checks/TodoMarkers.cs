using System.Text.RegularExpressions;

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
        var lines = text.Split('\n');
        var markers = new List<string>();
        for (var above = line - 2; above >= 0 && above < lines.Length; above--)
        {
            var match = Marker().Match(lines[above]);
            if (!match.Success || lines[above][..match.Index].Trim().Length > 0)
            {
                break;
            }

            markers.Insert(0, $"{match.Groups[1].Value}: {match.Groups[2].Value.TrimEnd()}");
        }

        return markers;
    }

    [GeneratedRegex(@"#\s*TODO\(flowmigrate ([A-Za-z0-9_-]+)\):[ \t]*([^\r\n]*)")]
    private static partial Regex Marker();
}
