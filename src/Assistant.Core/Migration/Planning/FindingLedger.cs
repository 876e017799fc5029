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
    /// in rule order, skipping any that overlap an earlier one or require a finding not taken (they get the next pass). A shareable edit that replaces the same
    /// span with the same text as an earlier finding's is shared, not an overlap (<see cref="TextEdit.IsSharedWith"/>): e.g. two
    /// conversions that each add the same name to one import statement; the groups' edits are applied with
    /// <see cref="EditSet.Union"/>.</summary>
    public List<EditGroup> Select(string path, string text, LineMap lines, string newLine, IReadOnlyList<Finding> findings, FixPolicy policy)
    {
        var groups = new List<EditGroup>();
        var taken = new List<TextEdit>();
        var markers = new List<TextEdit>();
        foreach (var finding in findings)
        {
            if (WasDropped(finding) || !RequiredAreIn(finding, groups))
            {
                continue;
            }

            // Hashing a finding's text is the costliest step here: the anchor is computed when the policy's decisions read it
            // or a declined fix is recorded; an applied one computes it when read. Without decisions the policy does not read it.
            var anchor = policy.ReadsAnchors ? ChangeAnchor.Compute(finding, text) : null;
            var acceptsFix = policy.Accepts(path, finding, anchor ?? string.Empty);
            if (finding.Fix is not null && !acceptsFix)
            {
                anchor ??= ChangeAnchor.Compute(finding, text);
                if (_declinedKeys.Add((finding.RuleId, anchor)))
                {
                    Declined.Add(new AppliedFinding(finding, lines.LineOf(finding.Span.Start), anchor));
                }

                continue;
            }

            var edits = new List<TextEdit>();
            if (acceptsFix)
            {
                edits.AddRange(finding.Fix!.Edits);
            }

            TextEdit? marker = null;
            if (finding.Todo is { } todo && !policy.Excludes(path, finding, anchor ?? string.Empty)
                && (marker = TodoComment.InsertAbove(text, lines, finding.Span.Start, finding.RuleId, todo.Text, newLine)) is not null)
            {
                edits.Add(marker);
            }

            if (edits.Count == 0 || !CanTake(taken, edits) || Orphans(marker, taken) || markers.Exists(m => Orphans(m, edits)))
            {
                continue;
            }

            taken.AddRange(edits);
            if (marker is not null)
            {
                markers.Add(marker);
            }

            groups.Add(new EditGroup(finding, edits, anchor));
        }

        return groups;
    }

    /// <summary>True when every finding <paramref name="finding"/> requires (<see cref="Finding.Requires"/>) is among
    /// <paramref name="groups"/>' findings (the same objects): else it waits with them.</summary>
    internal static bool RequiredAreIn(Finding finding, List<EditGroup> groups)
    {
        foreach (var required in finding.Requires ?? [])
        {
            if (!groups.Exists(g => ReferenceEquals(g.Finding, required)))
            {
                return false;
            }
        }

        return true;
    }

    // A finding like one whose fix would not parse is not tried again.
    private bool WasDropped(Finding finding)
    {
        foreach (var dropped in Dropped)
        {
            if (dropped.RuleId == finding.RuleId && dropped.Message == finding.Message)
            {
                return true;
            }
        }

        return false;
    }

    // A TODO marker goes above its line; another finding's deletion that starts where the marker goes removes that line, and the
    // marker would be left above whatever follows (a TODO for an import another fix removes): the later of the two waits a pass.
    private static bool Orphans(TextEdit? marker, List<TextEdit> edits) =>
        marker is not null && edits.Exists(e => e.NewText.Length == 0 && !e.Span.IsEmpty && e.Span.Start == marker.Span.Start);

    // Without an exception per rejected finding: overlaps are routine here (they wait for the next pass).
    private static bool CanTake(List<TextEdit> taken, List<TextEdit> edits)
    {
        if (EditSet.TryCreate(edits) is null)
        {
            return false;
        }

        foreach (var edit in edits)
        {
            if (!EditSet.ComposesWith(taken, edit))
            {
                return false;
            }
        }

        return true;
    }
}
