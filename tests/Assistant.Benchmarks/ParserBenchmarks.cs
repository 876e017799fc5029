using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// The in-process CPython 3.11 parser: tokens, tree and comments of a realistic Flyte 1 module (about 80 lines) and of
/// an ordinary 2,000-line module, and the first walk of the tree that rules make (children sorted, pre-order built).
/// </summary>
public class ParserBenchmarks
{
    private readonly string _flyte = SampleSources.FlyteModule;
    private readonly string _plain = SampleSources.PlainModule(2_000);

    [GlobalSetup]
    public void Setup()
    {
        // A benchmark of a parse that falls back to the worker would measure nothing.
        if (Parse(_flyte) is null || Parse(_plain) is null)
        {
            throw new InvalidOperationException("A sample module is not parsed in process.");
        }
    }

    [Benchmark(Description = "InProcessParser.TryParse (Flyte module, ~80 lines)")]
    public PythonModule? ParseFlyteModule() => Parse(_flyte);

    [Benchmark(Description = "InProcessParser.TryParse (2,000 lines)")]
    public PythonModule? ParsePlainModule() => Parse(_plain);

    [Benchmark(Description = "TryParse + first walk of the tree (2,000 lines)")]
    public int ParseAndWalkPlainModule()
    {
        var count = 0;
        foreach (var node in Parse(_plain)!.Root.Descendants())
        {
            count += node.HasPosition ? 1 : 0;
        }

        return count;
    }

    private static PythonModule? Parse(string text) => InProcessParser.TryParse("module.py", text, SourceEncoding.Utf8, comments: true)?.Module;
}
