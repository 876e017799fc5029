using Assistant.Cli.Tui.State;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Tui.Views;

/// <summary>The flow wizard: steps on the left; on the right the step's diff (title, rows) and the TODOs it adds.</summary>
internal static class WizardView
{
    public static IRenderable Render(TuiState state)
    {
        var wizard = state.Wizard!;
        var size = state.Size.Clamped;
        var height = ScreenLayout.Body(size);
        var stepsWidth = WizardLayout.StepsWidth(size);
        var diffWidth = WizardLayout.DiffWidth(size);
        var left = StepsView.Render(wizard, stepsWidth);
        var right = new List<Line> { DiffView.Title(wizard, diffWidth) };
        var diff = DiffView.Render(wizard, diffWidth, state.DiffRows);
        right.AddRange(diff);
        right.AddRange(Enumerable.Range(0, state.DiffRows - diff.Count).Select(_ => Line.Empty.Fit(diffWidth)));
        right.AddRange(TodoView.Render(wizard, size, diffWidth));
        var lines = new List<IRenderable>();
        for (var i = 0; i < height; i++)
        {
            var line = (i < left.Count ? left[i] : Line.Empty.Fit(stepsWidth)).Fit(stepsWidth);
            line = Line.Empty.Add(line).Add("│", Theme.Dim).Add((i < right.Count ? right[i] : Line.Empty).Fit(diffWidth));
            lines.Add(line);
        }

        return new Stack(lines);
    }
}
