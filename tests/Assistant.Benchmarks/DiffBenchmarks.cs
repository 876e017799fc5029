using Assistant.Core.Source.Diff;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>Myers diff and unified-diff rendering of a 2,000-line module with scattered changes.</summary>
public class DiffBenchmarks
{
    private string _old = "";
    private string _new = "";
    private TextDiff _diff = new([]);

    /// <summary>One changed line every this many lines.</summary>
    [Params(10, 50)]
    public int ChangeEvery { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _old = SampleSources.PlainModule(2_000);
        var lines = TextDiffer.SplitLines(_old).ToList();
        for (var i = 7; i < lines.Count; i += ChangeEvery)
        {
            lines[i] = i % 3 == 0 ? "    # changed by a rule\n" + lines[i] : lines[i].Replace("self", "this", StringComparison.Ordinal).TrimEnd('\n') + "  # edited\n";
        }

        _new = string.Concat(lines);
        _diff = TextDiffer.Compute(_old, _new);
    }

    [Benchmark(Description = "TextDiffer.Compute (2,000 lines)")]
    public TextDiff Compute() => TextDiffer.Compute(_old, _new);

    [Benchmark(Description = "UnifiedDiffFormatter.Format")]
    public string Format() => UnifiedDiffFormatter.Format(_diff, "a/module.py", "b/module.py");

    [Benchmark(Description = "Compute + Format")]
    public string ComputeAndFormat() => UnifiedDiffFormatter.Format(TextDiffer.Compute(_old, _new), "a/module.py", "b/module.py");
}
