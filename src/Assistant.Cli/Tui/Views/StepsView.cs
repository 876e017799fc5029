using Assistant.Cli.Tui.State;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;

namespace Assistant.Cli.Tui.Views;

/// <summary>The wizard's left column: the flow's steps (✓ committed, → current, – skipped, · empty), then the current step's change counts.</summary>
internal static class StepsView
{
    public static List<Line> Render(WizardState wizard, int width)
    {
        var lines = new List<Line> { Line.Of(" Steps", Theme.Bold) };
        var number = 1;
        foreach (var step in wizard.Snapshot.Steps)
        {
            var (mark, style) = step.State switch
            {
                StepState.Committed => ("✓", Theme.Ok),
                StepState.Current => ("→", Theme.Key),
                StepState.Skipped => ("–", Theme.Dim),
                StepState.Empty => ("·", Theme.Dim),
                _ => (" ", null),
            };
            lines.Add(Line.Of($" {mark} {number++} {step.Step.Title}", style));
        }

        if (wizard.Preview is { } preview)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of(" This step", Theme.Bold));
            var changes = preview.Changes;
            lines.Add(Line.Of($"   {changes.Count} change{(changes.Count == 1 ? "" : "s")}"));
            var bySafety = string.Join(" · ", new[] { Safety.Safe, Safety.Review, Safety.Manual }
                .Select(s => (Safety: s, Count: changes.Count(c => c.Safety == s))).Where(p => p.Count > 0)
                .Select(p => $"{p.Count} {p.Safety.ToString().ToLowerInvariant()}"));
            if (bySafety.Length > 0)
            {
                lines.Add(Line.Of("   " + bySafety, Theme.Dim));
            }

            var off = changes.Count(c => !c.IsEnabled);
            if (off > 0)
            {
                lines.Add(Line.Of($"   {off} turned off", Theme.Warning));
            }

            var accepted = changes.Count(c => c.IsRuleAccepted);
            if (accepted > 0)
            {
                lines.Add(Line.Of($"   {accepted} rule-accepted", Theme.Ok));
            }

            lines.Add(Line.Of($"   {preview.Todos.Count} TODO{(preview.Todos.Count == 1 ? "" : "s")}", preview.Todos.Count > 0 ? Theme.Warning : Theme.Dim));
        }

        return lines.Select(l => l.Fit(width)).ToList();
    }
}
