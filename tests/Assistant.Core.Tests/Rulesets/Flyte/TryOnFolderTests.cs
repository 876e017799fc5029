using System.Text;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Rules;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>
/// Converts a local folder of real flytekit code with the whole ruleset when FLOWMIGRATE_TRY_DIR is set
/// (optionally writing the result to FLOWMIGRATE_TRY_OUT) and reports files, TODOs per 100 lines and
/// leftover flytekit imports. Without the variable it does nothing: the code is never part of the repo.
/// </summary>
public sealed class TryOnFolderTests(SharedWorker shared, ITestOutputHelper output) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Converting_A_Real_Folder_Should_Parse_And_Leave_No_Silent_Flytekit_Import()
    {
        var root = Environment.GetEnvironmentVariable("FLOWMIGRATE_TRY_DIR");
        if (string.IsNullOrEmpty(root) || !Directory.Exists(root))
        {
            output.WriteLine("SKIPPED: set FLOWMIGRATE_TRY_DIR to a folder of flytekit code to run this check.");
            return;
        }

        var modules = new List<Assistant.Core.Source.PythonModule>();
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        var unparsable = 0;
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = Path.GetRelativePath(root, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            if (path.EndsWith(".py", StringComparison.Ordinal))
            {
                var parsed = await shared.Parser.ParseAsync(path, text);
                if (parsed.Module is null)
                {
                    unparsable++;
                    continue;
                }

                modules.Add(parsed.Module);
            }
            else if (path.EndsWith(".txt", StringComparison.Ordinal) || path.EndsWith(".toml", StringComparison.Ordinal) || path.EndsWith("Makefile", StringComparison.Ordinal) || path.EndsWith(".sh", StringComparison.Ordinal))
            {
                others[path] = text;
            }
        }

        var ruleset = BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets);
        var project = new ProjectModel(modules, others);
        var paths = modules.Select(m => m.Path).Concat(others.Keys).ToList();
        var result = await new ConversionPipeline(shared.Parser).RunAsync(ruleset, project, paths, RulesetOptions.For(ruleset), FixPolicy.SafeAndReview);
        var problems = result.Steps.SelectMany(s => s.Problems.Concat(s.Files.SelectMany(f => f.Problems))).ToList();
        var flyteModules = modules.Where(m => m.Text.Contains("flytekit", StringComparison.Ordinal)).Select(m => m.Path).ToList();
        var lines = 0;
        var todos = new Dictionary<string, int>(StringComparer.Ordinal);
        var leftovers = new List<string>();
        var outDir = Environment.GetEnvironmentVariable("FLOWMIGRATE_TRY_OUT");
        foreach (var path in flyteModules)
        {
            var text = result.Project.ModuleAt(path)!.Text;
            var fileLines = text.Split('\n');
            lines += fileLines.Length;
            foreach (var (_, rule, _) in TodoComment.Find(text))
            {
                todos[rule] = todos.GetValueOrDefault(rule) + 1;
            }

            for (var i = 0; i < fileLines.Length; i++)
            {
                var line = fileLines[i].TrimStart();
                if ((line.StartsWith("import flytekit", StringComparison.Ordinal) || line.StartsWith("from flytekit", StringComparison.Ordinal))
                    && (i == 0 || !fileLines[i - 1].TrimStart().StartsWith("# TODO(flowmigrate", StringComparison.Ordinal)))
                {
                    leftovers.Add($"{path}:{i + 1}: {line}");
                }
            }

            if (!string.IsNullOrEmpty(outDir))
            {
                var target = Path.Combine(outDir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }
        }

        var report = new StringBuilder();
        report.AppendLine($"flytekit modules converted: {flyteModules.Count} (unparsable inputs skipped: {unparsable})");
        report.AppendLine($"lines: {lines}, TODO lines: {todos.Values.Sum()} ({100.0 * todos.Values.Sum() / Math.Max(lines, 1):F2} per 100 lines)");
        report.AppendLine("TODOs by rule: " + string.Join(", ", todos.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        report.AppendLine($"flytekit imports outside a TODO: {leftovers.Count}");
        report.AppendLine($"problems: {problems.Count}");
        foreach (var line in leftovers.Concat(problems).Take(40))
        {
            report.AppendLine("  " + line);
        }

        output.WriteLine(report.ToString());
        Assert.Empty(leftovers);
    }
}
