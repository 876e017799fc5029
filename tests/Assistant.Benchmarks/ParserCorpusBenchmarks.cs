using System.Diagnostics;
using System.Text.Json;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// The in-process parser over a fixed corpus, the way convert uses it (issue 9): the Python files of the demo repository
/// and the framework modules (Flyte 1 and Prefect 1) of a 1,000-file repository written by <c>tests/bench/generate.py</c>
/// (seed 9, so the same files every run), each parsed once per operation, with and without comments.
/// </summary>
public class ParserCorpusBenchmarks
{
    private const int GeneratedFiles = 1_000;
    private const int Seed = 9;

    private string[] _texts = [];
    private string? _folder;

    /// <summary>Whether comments are collected too (convert's first parse of a module does; re-parses do not).</summary>
    [Params(true, false)]
    public bool Comments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var texts = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Demo", "repo"), "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            texts.Add(File.ReadAllText(path));
        }

        _folder = Path.Combine(Path.GetTempPath(), $"flowmigrate-parser-corpus-{Environment.ProcessId}");
        var output = Path.Combine(_folder, "repo");
        var manifest = Path.Combine(_folder, "manifest.json");
        Generate(output, manifest);
        using (var document = JsonDocument.Parse(File.ReadAllText(manifest)))
        {
            foreach (var file in document.RootElement.GetProperty("framework_files").EnumerateArray())
            {
                texts.Add(File.ReadAllText(Path.Combine(output, file.GetString()!)));
            }
        }

        _texts = [.. texts];
        // A benchmark of parses that fall back to the worker would measure nothing.
        var fallbacks = _texts.Count(text => Parse(text, true) is null);
        if (fallbacks > 0)
        {
            throw new InvalidOperationException($"{fallbacks} of {_texts.Length} corpus modules are not parsed in process.");
        }

        Console.WriteLine($"// Parser corpus: {_texts.Length} modules, {_texts.Sum(text => text.Length):N0} characters");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Description = "InProcessParser.TryParse (demo repo + 91 generated framework modules)")]
    public int ParseCorpus()
    {
        var comments = 0;
        foreach (var text in _texts)
        {
            comments += Parse(text, Comments)!.Comments.Count;
        }

        return comments;
    }

    private static PythonModule? Parse(string text, bool comments) =>
        InProcessParser.TryParse("module.py", text, SourceEncoding.Utf8, comments)?.Module;

    private static void Generate(string output, string manifest)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench", "generate.py");
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, "--files", $"{GeneratedFiles}", "--seed", $"{Seed}", "--out", output, "--manifest", manifest, "--no-git" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"generate.py failed ({process.ExitCode}): {error.Result}");
        }
    }
}
