using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// The TODO marker line for a statement a fix inserts at a line start, at column 0, written by the fix itself: a rule that
/// left it to its next pass (a TODO finding on the statement once it exists) made the step run all its rules over the module
/// once more. The line is the one <see cref="TodoComment.InsertAbove(PythonModule, int, string, string)"/> gives above the
/// statement once it is there; the lines above the insertion point are the ones that will be above the statement.
/// </summary>
internal static class CreatedStatementTodo
{
    /// <summary>The marker and its line break, or null when the marker would not go right above the inserted statement
    /// (the same marker is above the insertion point already, or the line there is continued or indented): the later pass,
    /// which sees the statement, decides then.</summary>
    public static string? Above(PythonModule module, int insertAt, string ruleId, string text)
    {
        if (insertAt <= 0 || insertAt >= module.Text.Length || module.Lines.LineStart(module.Lines.LineOf(insertAt)) != insertAt)
        {
            return null;
        }

        var marker = TodoComment.InsertAbove(module, insertAt, ruleId, text);
        var line = TodoComment.Format(ruleId, text) + module.NewLine;
        return marker is not null && marker.Span.Start == insertAt && marker.NewText == line ? line : null;
    }
}
