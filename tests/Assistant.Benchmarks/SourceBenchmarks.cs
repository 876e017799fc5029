using System.Text;
using Assistant.Core.Source;
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
