using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Assistant.Benchmarks;

/// <summary>
/// Runs in process (the step-engine benchmark needs the Python worker script and the rulesets that
/// are copied beside this executable). Default job: BenchmarkDotNet's short run (3 warm-ups, 3
/// iterations); pass <c>--long</c> for the default job. Other arguments go to BenchmarkDotNet, e.g.
/// <c>--filter *Diff*</c>. Reports go to tests/bench/results/BenchmarkDotNet.Artifacts when run from the
/// repository root.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var longRun = args.Contains("--long");
        var job = (longRun ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default);
        // From the repository root, reports go under tests/bench/results (git-ignored).
        var results = Path.Combine(Environment.CurrentDirectory, "tests", "bench", "results");
        if (!args.Contains("--artifacts") && Directory.Exists(Path.GetDirectoryName(results)))
        {
            config = config.WithArtifactsPath(Path.Combine(results, "BenchmarkDotNet.Artifacts"));
        }

        var rest = args.Where(a => a != "--long").ToArray();
        if (rest.Length == 0)
        {
            rest = ["--filter", "*"];
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
