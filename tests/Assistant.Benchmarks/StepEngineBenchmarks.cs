using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Rulesets;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// Rule evaluation on one parsed Flyte 1 module (about 90 lines). The module is parsed once in
/// the global setup through the real Python worker. <c>Rules only</c> evaluates every rule of the
/// ruleset in process (no worker traffic); <c>StepEngine</c> runs one step the way migrate does,
/// which includes the worker round trips that re-parse after each applied pass; <c>Parse</c> is
/// one worker round trip (parse request, JSON tree, C# syntax model), for comparison.
/// </summary>
public class StepEngineBenchmarks
{
    private const string Path = "flows/orders.py";
    private PythonWorker _worker = null!;
    private ModuleParser _parser = null!;
    private StepEngine _engine = null!;
    private Ruleset _ruleset = null!;
    private ProjectModel _project = null!;
    private PythonModule _module = null!;
    private MigrationStep _step = null!;

    /// <summary>The step of flyte1-to-flyte2 to run.</summary>
    [Params("environment", "decorators", "control-flow", "triggers")]
    public string Step { get; set; } = "environment";

    [GlobalSetup]
    public void Setup()
    {
        var interpreter = PythonInterpreterLocator.Locate(null, null, Environment.GetEnvironmentVariable);
        _worker = new PythonWorker(new PythonWorkerOptions { Interpreter = interpreter });
        _worker.StartAsync().GetAwaiter().GetResult();
        _parser = new ModuleParser(_worker);
        _engine = new StepEngine(_parser);
        _ruleset = BuiltInRulesets.Load("flyte1-to-flyte2");
        _step = _ruleset.Steps.Single(s => s.Id == Step);
        var parsed = _parser.ParseAsync(Path, SampleSources.FlyteModule, SourceEncoding.Utf8).GetAwaiter().GetResult();
        _module = parsed.Module ?? throw new InvalidOperationException($"sample does not parse: {parsed.SyntaxError}");
        _project = new ProjectModel([_module]);
    }

    [GlobalCleanup]
    public void Cleanup() => _worker.Dispose();

    [Benchmark(Description = "Rules only (all rules of the step, in process)")]
    public int RulesOnly()
    {
        var context = new RuleContext(_module, _project, _ruleset.Tables, RuleOptions.Default);
        var count = 0;
        foreach (var rule in _ruleset.RulesOf(_step.Id))
        {
            count += rule.Analyze(context).Count();
        }

        return count;
    }

    [Benchmark(Description = "StepEngine.RunAsync (one step, with re-parse)")]
    public async Task<StepOutcome> RunStep() =>
        await _engine.RunAsync(StepRequest.For(_ruleset, _step, _project, [Path], RuleOptions.Default, FixPolicy.SafeAndReview)).ConfigureAwait(false);

    [Benchmark(Description = "ModuleParser.ParseAsync (worker round trip)")]
    public async Task<ParseOutcome> Parse() => await _parser.ParseAsync(Path, SampleSources.FlyteModule, SourceEncoding.Utf8).ConfigureAwait(false);
}
