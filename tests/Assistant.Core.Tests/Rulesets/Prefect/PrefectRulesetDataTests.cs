using System.Text.Json;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets.Prefect;

/// <summary>
/// The Prefect rulesets' data is checked against the API manifests: every Prefect 1 name a table
/// maps from exists in prefect1.json, every target name it maps to exists in the target's manifest,
/// and the manifests shipped with each ruleset are identical to the shared reference copies.
/// </summary>
public sealed class PrefectRulesetDataTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets() => new() { "prefect2", "prefect3" };

    private static string RulesetDir(string target) => Path.Combine(RepositoryLayout.Rulesets, $"prefect1-to-{target}");

    [Theory]
    [MemberData(nameof(Targets))]
    public void Shipped_Api_Manifests_Should_Equal_The_Shared_Reference(string target)
    {
        var shared = Path.Combine(RepositoryLayout.SharedReference, "api");
        if (!Directory.Exists(shared))
        {
            // xunit 2 cannot skip at run time: say why nothing was compared.
            output.WriteLine($"SKIPPED: ../shared/reference/api is absent ({shared}); nothing to compare against");
            return;
        }

        foreach (var name in new[] { "prefect1.json", $"{target}.json" })
        {
            var shipped = Path.Combine(RulesetDir(target), "api", name);
            Assert.True(File.Exists(shipped), $"{shipped} is missing");
            Assert.Equal(File.ReadAllText(Path.Combine(shared, name)), File.ReadAllText(shipped));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Ruleset_Should_Load_With_Its_Tables(string target)
    {
        var ruleset = BuiltInRulesets.Load($"prefect1-to-{target}", RepositoryLayout.Rulesets);
        Assert.Equal(["flow-definition", "tasks", "control-flow", "runtime", "deployment"], ruleset.Steps.Select(s => s.Id));
        Assert.All(ruleset.Descriptors, d => Assert.StartsWith(target == "prefect2" ? "PF2" : "PF3", d.Id));
    }

    [Fact]
    public void Both_Rulesets_Should_Share_Identical_Tables()
    {
        var two = Directory.GetFiles(Path.Combine(RulesetDir("prefect2"), "tables")).Select(Path.GetFileName).Order().ToList();
        var three = Directory.GetFiles(Path.Combine(RulesetDir("prefect3"), "tables")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(two, three);
        foreach (var name in two)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RulesetDir("prefect2"), "tables", name!)), File.ReadAllText(Path.Combine(RulesetDir("prefect3"), "tables", name!)));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_Table_Name_Should_Exist_In_The_Manifests(string target)
    {
        var ruleset = BuiltInRulesets.Load($"prefect1-to-{target}", RepositoryLayout.Rulesets);
        var v1 = Manifest.Load(Path.Combine(RulesetDir(target), "api", "prefect1.json"));
        var v2or3 = Manifest.Load(Path.Combine(RulesetDir(target), "api", $"{target}.json"));
        var problems = new List<string>();

        void Source(string table, string? value, int line)
        {
            if (!string.IsNullOrEmpty(value) && !v1.Has(value))
            {
                problems.Add($"{table}.yaml:{line}: {value} is not in prefect1.json");
            }
        }

        void TargetName(string table, string? value, int line)
        {
            foreach (var item in (value ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!v2or3.Has(item))
                {
                    problems.Add($"{table}.yaml:{line}: {item} is not in {target}.json");
                }
            }
        }

        foreach (var row in ruleset.Tables["imports"].Rows)
        {
            Source("imports", row.Get("v1"), row.Line);
            TargetName("imports", row.Get(target), row.Line);
        }

        foreach (var row in ruleset.Tables["task_library"].Rows)
        {
            Source("task_library", row.Get("v1"), row.Line);
            TargetName("task_library", row.Get(target), row.Line);
        }

        foreach (var row in ruleset.Tables["task_params"].Rows)
        {
            if (!v1.HasParameter("prefect.core.task:Task", row.Require("v1")))
            {
                problems.Add($"task_params.yaml:{row.Line}: Task({row.Get("v1")}=) is not a Prefect 1 Task parameter");
            }

            if (row.Get(target) is { Length: > 0 } keyword && !v2or3.HasParameter("prefect:task", keyword))
            {
                problems.Add($"task_params.yaml:{row.Line}: task({keyword}=) is not a {target} task parameter");
            }
        }

        foreach (var row in ruleset.Tables["executors"].Rows)
        {
            Source("executors", "prefect.executors:" + row.Require("v1"), row.Line);
            TargetName("executors", row.Get($"{target}_import"), row.Line);
        }

        foreach (var row in ruleset.Tables["cache_validators"].Rows)
        {
            Source("cache_validators", "prefect.engine.cache_validators:" + row.Require("v1"), row.Line);
            var imports = (row.Get($"{target}_imports") ?? string.Empty).Replace("prefect.utilities.hashing:hash_objects", string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries);

            // "module:name" imports a name; a bare "module" is `import module` and must be a module of the manifest.
            TargetName("cache_validators", string.Join('|', imports.Where(i => i.Contains(':'))), row.Line);
            problems.AddRange(imports.Where(i => !i.Contains(':') && !v2or3.HasModule(i)).Select(i => $"cache_validators.yaml:{row.Line}: module {i} is not in {target}.json"));
        }

        foreach (var row in ruleset.Tables["run_configs"].Rows)
        {
            if (!v1.HasParameter("prefect.run_configs:" + row.Require("v1"), row.Require("keyword")))
            {
                problems.Add($"run_configs.yaml:{row.Line}: {row.Get("v1")}({row.Get("keyword")}=) is not in prefect1.json");
            }
        }

        foreach (var row in ruleset.Tables["storage"].Rows)
        {
            Source("storage", "prefect.storage:" + row.Require("v1"), row.Line);
        }

        foreach (var row in ruleset.Tables["context_keys"].Rows)
        {
            foreach (var attribute in System.Text.RegularExpressions.Regex.Matches(row.Get(target) ?? string.Empty, @"prefect\.runtime\.(flow_run|task_run|deployment)\.(\w+)").Cast<System.Text.RegularExpressions.Match>())
            {
                TargetName("context_keys", $"prefect.runtime.{attribute.Groups[1].Value}:{attribute.Groups[2].Value}", row.Line);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A reference/api/*.json manifest: modules → exports → params.</summary>
    private sealed class Manifest(JsonElement modules)
    {
        public static Manifest Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("modules"));

        public bool Has(string moduleAndName)
        {
            var (module, name) = Split(moduleAndName);
            return modules.TryGetProperty(module, out var m) && m.TryGetProperty("exports", out var exports) && exports.TryGetProperty(name, out _);
        }

        public bool HasModule(string module) => modules.TryGetProperty(module, out _);

        public bool HasParameter(string moduleAndName, string parameter)
        {
            var (module, name) = Split(moduleAndName);
            return modules.TryGetProperty(module, out var m) && m.GetProperty("exports").TryGetProperty(name, out var export)
                && export.TryGetProperty("params", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == parameter);
        }

        private static (string Module, string Name) Split(string value)
        {
            var colon = value.IndexOf(':');
            return colon < 0 ? (value[..value.LastIndexOf('.')], value[(value.LastIndexOf('.') + 1)..]) : (value[..colon], value[(colon + 1)..]);
        }
    }
}
