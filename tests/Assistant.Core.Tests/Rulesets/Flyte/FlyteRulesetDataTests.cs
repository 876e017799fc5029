using System.Text.RegularExpressions;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets;
using Xunit.Abstractions;

namespace Assistant.Core.Tests.Rulesets.Flyte;

/// <summary>The Flyte ruleset's data: its API manifests are the reference's, and every name its tables read or write exists.</summary>
public sealed partial class FlyteRulesetDataTests(ITestOutputHelper output)
{
    private static readonly string Directory = Path.Combine(RepositoryLayout.Rulesets, "flyte1-to-flyte2");
    private static readonly Lazy<ApiManifest> Flyte = new(() => ApiManifest.Load(Path.Combine(Directory, "api", "flyte.json")));
    private static readonly Lazy<ApiManifest> Kit = new(() => ApiManifest.Load(Path.Combine(Directory, "api", "flytekit.json")));
    private static readonly Lazy<Core.Rules.Ruleset> Ruleset = new(() => BuiltInRulesets.Load("flyte1-to-flyte2", RepositoryLayout.Rulesets));

    [Theory]
    [InlineData("flyte.json")]
    [InlineData("flytekit.json")]
    public void Api_Copies_Should_Equal_The_Shared_Reference(string file)
    {
        var original = Path.Combine(RepositoryLayout.SharedReference, "api", file);
        if (!File.Exists(original))
        {
            output.WriteLine($"SKIPPED: {original} is absent (no ../shared checkout); the copy cannot be compared.");
            return;
        }

        Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Directory, "api", file))),
            $"api/{file} differs from {original}: copy it again");
    }

    [Fact]
    public void Every_Flyte2_Name_In_The_Tables_Should_Exist_In_Flyte_Json()
    {
        var missing = new List<string>();
        void Check(string table, string qualified)
        {
            if (!Flyte.Value.Exists(qualified))
            {
                missing.Add($"{table}: {qualified}");
            }
        }

        void CheckParameter(string table, string owner, string parameter)
        {
            if (!Flyte.Value.Parameters(owner).Contains(parameter))
            {
                missing.Add($"{table}: {owner}({parameter}=)");
            }
        }

        var tables = Ruleset.Value.Tables;
        foreach (var row in tables["imports"].Rows.Where(r => r.Get("kind") == "rename"))
        {
            Check("imports", row.Require("new"));
        }

        foreach (var row in tables["plugins"].Rows.Where(r => r.Get("new") is not null))
        {
            Check("plugins", row.Require("new"));
        }

        foreach (var row in tables["resources"].Rows)
        {
            CheckParameter("resources", "flyte.Resources", row.Require("new"));
        }

        foreach (var row in tables["task-params"].Rows.Where(r => r.Get("target") is not null))
        {
            var owner = row.Require("action") switch
            {
                "env" => "flyte.TaskEnvironment",
                "cache" when row.Require("old") != "cache" => "flyte.Cache",
                _ => "flyte.TaskEnvironment.task",
            };
            CheckParameter("task-params", owner, row.Require("target"));
        }

        foreach (var row in tables["override-params"].Rows.Where(r => r.Get("new") is not null))
        {
            CheckParameter("override-params", "flyte.AsyncFunctionTaskTemplate.override", row.Require("new"));
        }

        foreach (var row in tables["image-spec"].Rows.Where(r => r.Get("new") is not null))
        {
            switch (row.Require("action"))
            {
                case "ctor":
                    CheckParameter("image-spec", "flyte.Image.from_debian_base", row.Require("new"));
                    break;
                case "method":
                    Check("image-spec", "flyte.Image." + row.Require("new"));
                    break;
                case "index":
                    CheckParameter("image-spec", "flyte.Image.with_pip_packages", row.Require("new"));
                    break;
            }
        }

        foreach (var row in tables["context"].Rows.Where(r => r.Get("new") is { } n && n.StartsWith("flyte.", StringComparison.Ordinal)))
        {
            Check("context", row.Require("new").Split('(')[0]);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Plugin_Params_Should_List_Every_Keyword_The_Flyte2_Plugin_Class_Takes_Differently()
    {
        // What the manifests say: every keyword of a mapped flytekitplugins class that its flyteplugins class lacks, or takes
        // with another default. Factories count as equal when they make the same class ("lambda: Scheduler()" and "Scheduler").
        static string? Same(string? value) => value is null ? null : FactoryCall().Replace(value, "<factory: $1>");
        var tables = Ruleset.Value.Tables;
        var expected = new List<string>();
        foreach (var row in tables["plugins"].Rows.Where(r => r.Get("new") is { } n && n.StartsWith("flyteplugins.", StringComparison.Ordinal)))
        {
            var (old, @new) = (row.Require("old"), row.Require("new"));
            var newer = Flyte.Value.ParametersWithDefaults(@new).ToDictionary(p => p.Name, p => Same(p.Default));
            foreach (var (name, value) in Kit.Value.ParametersWithDefaults(old))
            {
                if (!newer.TryGetValue(name, out var newDefault))
                {
                    var merged = name is "requests" or "limits" && newer.ContainsKey("resources");
                    expected.Add(merged ? $"{old} {name} resources" : $"{old} {name} todo{(value is null or "None" ? string.Empty : " " + value)}");
                }
                else if (Same(value) != newDefault)
                {
                    expected.Add($"{old} {name} default {value}");
                }
            }
        }

        var listed = tables["plugin-params"].Rows.Select(r => $"{r.Require("class")} {r.Require("param")} {r.Require("action")}{(r.Get("value") is { } v ? " " + v : string.Empty)}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"<factory: lambda: ([\w.]+)\(\)>")]
    private static partial Regex FactoryCall();

    [Fact]
    public void Every_Flyte1_Name_In_The_Tables_Should_Exist_In_Flytekit_Json()
    {
        var missing = new List<string>();
        var tables = Ruleset.Value.Tables;
        foreach (var table in new[] { "imports", "unsupported", "plugins" })
        {
            missing.AddRange(tables[table].Rows.Select(r => r.Require("old")).Where(n => !Kit.Value.Exists(n)).Select(n => $"{table}: {n}"));
        }

        var taskParameters = Kit.Value.Parameters("flytekit.task").Concat(Kit.Value.Parameters("flytekit.workflow")).ToHashSet();
        missing.AddRange(tables["task-params"].Rows.Where(r => r.Get("via") != "kwargs").Select(r => r.Require("old")).Where(n => !taskParameters.Contains(n)).Select(n => $"task-params: {n}"));
        var resources = Kit.Value.Parameters("flytekit.Resources");
        missing.AddRange(tables["resources"].Rows.Select(r => r.Require("old")).Where(n => !resources.Contains(n)).Select(n => $"resources: {n}"));
        missing.AddRange(tables["accelerators"].Rows.Select(r => r.Require("old")).Where(n => !Kit.Value.Exists("flytekit.extras.accelerators." + n)).Select(n => $"accelerators: {n}"));
        var overrides = Kit.Value.Parameters("flytekit.core.node.Node.with_overrides");
        missing.AddRange(tables["override-params"].Rows.Select(r => r.Require("old")).Where(n => !overrides.Contains(n)).Select(n => $"override-params: {n}"));
        var imageSpec = Kit.Value.Parameters("flytekit.image_spec.ImageSpec");
        missing.AddRange(tables["image-spec"].Rows.Select(r => r.Require("old")).Where(n => !imageSpec.Contains(n)).Select(n => $"image-spec: {n}"));
        Assert.Empty(missing);
    }
}

/// <summary>Properties every expected output of the Flyte fixtures must have, whatever the rule.</summary>
public sealed class FlyteFixtureOutputTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryLayout.Rulesets, "flyte1-to-flyte2", "fixtures");

    private static IEnumerable<string> ExpectedPythonFiles() =>
        Directory.GetFiles(Fixtures, "*.py", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".expected.py", StringComparison.Ordinal) || f.Replace('\\', '/').Contains("/expected/", StringComparison.Ordinal));

    [Fact]
    public void Expected_Outputs_Should_Not_Import_The_Same_Thing_Twice()
    {
        var duplicates = ExpectedPythonFiles()
            .SelectMany(f => File.ReadAllLines(f).Where(l => l.StartsWith("import ", StringComparison.Ordinal) || l.StartsWith("from ", StringComparison.Ordinal))
                .GroupBy(l => l).Where(g => g.Count() > 1).Select(g => $"{Path.GetRelativePath(Fixtures, f)}: {g.Key}"))
            .ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Expected_Outputs_Should_Only_Name_Environments_Validly()
    {
        var invalid = ExpectedPythonFiles()
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"flyte\.TaskEnvironment\(\s*name=[""']([^""']*)[""']")
                .Select(m => m.Groups[1].Value)
                .Where(n => !System.Text.RegularExpressions.Regex.IsMatch(n, "^[a-z0-9]+([_-][a-z0-9]+)*$"))
                .Select(n => $"{Path.GetRelativePath(Fixtures, f)}: {n}"))
            .ToList();
        Assert.Empty(invalid);
    }
}
