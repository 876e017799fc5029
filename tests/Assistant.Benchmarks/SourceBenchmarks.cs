using System.Text;
using Assistant.Core.Source;
using Assistant.Core.Source.Diff;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>Edit application, line maps and decoding on a large module (about 20,000 lines, 600 KB).</summary>
public class SourceBenchmarks
{
    private string _text = "";
    private byte[] _bytes = [];
    private List<TextEdit> _edits = [];
    private EditSet _editSet = EditSet.Empty;

    /// <summary>Number of scattered, non-overlapping edits.</summary>
    [Params(100, 2000)]
    public int Edits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = SampleSources.PlainModule(20_000);
        _bytes = Encoding.UTF8.GetBytes(_text);
        var lines = LineMap.For(_text);
        var step = Math.Max(1, lines.LineCount / Edits);
        _edits = [];
        for (var line = 2; line <= lines.LineCount && _edits.Count < Edits; line += step)
        {
            var span = lines.LineSpan(line);
            // Replace the first 4 characters of the line (or insert at its start when it is shorter).
            var length = Math.Min(4, span.Length);
            _edits.Add(TextEdit.Replace(new TextSpan(span.Start, span.Start + length), "#e# "));
        }

        _editSet = EditSet.Create(_edits);
    }

    [Benchmark(Description = "EditSet.Create (overlap check)")]
    public EditSet EditSetCreate() => EditSet.Create(_edits);

    [Benchmark(Description = "EditSet.ApplyTo")]
    public string EditSetApply() => _editSet.ApplyTo(_text);

    [Benchmark(Description = "LineMap.For (20k lines)")]
    public LineMap LineMapFor() => LineMap.For(_text);

    [Benchmark(Description = "SourceFileReader.Decode (600 KB UTF-8)")]
    public SourceReadResult Decode() => SourceFileReader.Decode(_bytes);
}

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
