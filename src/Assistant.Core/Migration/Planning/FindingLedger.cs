using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Planning;

/// <summary>Bookkeeping of one file's run: what was applied, declined, dropped, and why.</summary>
internal sealed class FindingLedger
{
    private readonly HashSet<(string RuleId, string Anchor)> _declinedKeys = [];

    public List<AppliedFinding> Applied { get; } = [];

    public List<AppliedFinding> Declined { get; } = [];

    public List<Finding> Dropped { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>The findings of one pass that become edits now: accepted fixes and TODO markers,
    /// in rule order, skipping any that overlap an earlier one (they get the next pass).</summary>
    public List<EditGroup> Select(string path, string text, LineMap lines, string newLine, IReadOnlyList<Finding> findings, FixPolicy policy)
    {
        var groups = new List<EditGroup>();
        var taken = EditSet.Empty;
        foreach (var finding in findings)
        {
            if (Dropped.Any(d => d.RuleId == finding.RuleId && d.Message == finding.Message))
            {
                continue;
            }

            var edits = new List<TextEdit>();
            var anchor = ChangeAnchor.Compute(finding, text);
            var acceptsFix = policy.Accepts(path, finding, anchor);
            if (finding.Fix is not null && !acceptsFix)
            {
                if (_declinedKeys.Add((finding.RuleId, anchor)))
                {
                    Declined.Add(new AppliedFinding(finding, lines.LineOf(finding.Span.Start), anchor));
                }

                continue;
            }

            if (acceptsFix)
            {
                edits.AddRange(finding.Fix!.Edits);
            }

            if (finding.Todo is { } todo && !policy.Excludes(path, finding, anchor)
                && TodoComment.InsertAbove(text, lines, finding.Span.Start, finding.RuleId, todo.Text, newLine) is { } marker)
            {
                edits.Add(marker);
            }

            if (edits.Count == 0 || !CanTake(taken, edits))
            {
                continue;
            }

            taken = taken.With(edits);
            groups.Add(new EditGroup(finding, edits, anchor));
        }

        return groups;
    }

    // Without an exception per rejected finding: overlaps are routine here (they wait for the next pass).
    private static bool CanTake(EditSet taken, List<TextEdit> edits) =>
        EditSet.TryCreate(edits) is not null && edits.All(taken.CanAdd);
}
