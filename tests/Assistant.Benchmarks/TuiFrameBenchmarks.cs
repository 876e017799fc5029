using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Migration.Session;
using Assistant.Core.Rules;
using BenchmarkDotNet.Attributes;
using Spectre.Console;

namespace Assistant.Benchmarks;

/// <summary>
/// One frame of the wizard showing a step whose diff covers a 2,000-line module (issue 9: under 10 ms),
/// at 160×48 with true colour, as a real terminal gets it; and laying the diff out when the step opens.
/// </summary>
public class TuiFrameBenchmarks
{
    private TuiState _state = new();
    private StepPreview _preview = null!;
    private IReadOnlyCapabilities _capabilities = null!;

    /// <summary>Diff layout: unified or side by side.</summary>
    [Params(false, true)]
    public bool SideBySide { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var before = SampleSources.PlainModule(2_000);
        var lines = before.Split('\n');
        var changes = new List<ProposedChange>();
        for (var i = 7; i < lines.Length; i += 10)
        {
            lines[i] = lines[i].Replace("self", "this", StringComparison.Ordinal) + "  # edited";
            changes.Add(new ProposedChange(new ChangeKey("FLY201", "flows/big.py", $"L{i + 1}"), "FLY201", Safety.Safe, "task decorator → env.task", "flows/big.py", i + 1, true));
        }

        var after = string.Join('\n', lines);
        var step = new MigrationStep("decorators", "Decorators", "@task/@workflow → @env.task");
        var files = new List<FileChange> { new("flows/big.py", before, after) };
        _preview = new StepPreview(new StepView(step, StepState.Current), files, changes, [], [], new StepOutcome(step, files, [], []));
        var flow = new FlowStatus("flows/big.py::big", "big", "Flyte1", "flows/big.py", 40, FlowState.InProgress, 2, 5, "flowmigrate/flows.big.big", 0);
        var snapshot = new WizardSnapshot(flow, [new StepView(step, StepState.Current)], _preview, null);
        var size = new TerminalSize(160, 48);
        var wizard = WizardState.Open(snapshot) with { SideBySide = SideBySide };
        _state = new TuiState { Screen = Screen.Wizard, Size = size, Wizard = wizard.ScrollTo(900, WizardLayout.DiffRows(size, snapshot)) };
        _capabilities = TrueColorTerminal.Capabilities();
    }

    [Benchmark(Description = "Frame.Render wizard, 2,000-line diff, 160x48")]
    public int RenderFrame() => Frame.Render(_state, _capabilities).Lines.Count;

    [Benchmark(Description = "DiffDocument.From (lay out the 2,000-line diff)")]
    public int LayOutDiff() => DiffDocument.From(_preview).HunkCount;
}
