using System.Text.RegularExpressions;

namespace Assistant.Core.Python.Checks;

/// <summary>Reads the <c># TODO(flowmigrate RULE): text</c> markers of a converted file (same format the rules write).</summary>
internal static partial class TodoMarkers
{
    public static List<string> Read(string text) =>
        Marker().Matches(text).Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.TrimEnd()}").ToList();

    [GeneratedRegex(@"#\s*TODO\(flowmigrate ([A-Za-z0-9_-]+)\):[ \t]*([^\r\n]*)")]
    private static partial Regex Marker();
}
