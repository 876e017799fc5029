using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;
using Assistant.Core.Migration.Session;
using BenchmarkDotNet.Attributes;
using Spectre.Console;

namespace Assistant.Benchmarks;

/// <summary>
/// One overview frame (160×48, true colour) listing as many flows as the generated 5,000-file repository has (739): the
/// first one, drawn as soon as the scan is done while the states are still read from git, and one with the states in.
/// </summary>
public class OverviewFrameBenchmarks
{
    private const int Flows = 739;

    private TuiState _state = new();
    private IReadOnlyCapabilities _capabilities = null!;

    /// <summary>The first frame (states still read from git) or a later one.</summary>
    [Params(true, false)]
    public bool StatesPending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var states = new[] { FlowState.NotStarted, FlowState.InProgress, FlowState.Committed, FlowState.Merged };
        var flows = Enumerable.Range(0, Flows).Select(i =>
        {
            var file = $"pkg_{i / 10:000}/flow_{i:0000}.py";
            var state = StatesPending ? FlowState.NotStarted : states[i % states.Length];
            return new FlowStatus($"{file}::flow_{i}", $"flow_{i}", i % 2 == 0 ? "Flyte1" : "Prefect1", file, 3 + (i % 5), state,
                state == FlowState.InProgress ? 2 : null, 5, state == FlowState.NotStarted ? null : $"flowmigrate/pkg.flow-{i}", i % 3);
        }).ToList();
        var header = new RepositoryHeader("/home/dev/monorepo", "main", ["flyte1", "prefect1"], "prefect3", "side-by-side");
        var opened = TuiUpdate.Apply(new TuiState { Size = new TerminalSize(160, 48) }, new TuiEvent.SessionOpened(header, flows)).State;
        _state = StatesPending ? opened : TuiUpdate.Apply(opened, new TuiEvent.StatusLoaded(flows)).State;
        _capabilities = TrueColorTerminal.Capabilities();
    }

    [Benchmark(Description = "Frame.Render overview, 739 flows, 160x48")]
    public int RenderFrame() => Frame.Render(_state, _capabilities).Lines.Count;

    [Benchmark(Description = "Frame.Render + Ansi (first frame: every line written)")]
    public int RenderAndWrite() => Frame.Render(_state, _capabilities).Ansi(null, _capabilities).Length;
}
