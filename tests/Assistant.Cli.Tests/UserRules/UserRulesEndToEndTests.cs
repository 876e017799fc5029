using System.Text.Json;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.UserRules;

/// <summary>
/// The example user rules of rulesets/examples/company-wrappers, picked up from a real temp git repository's
/// .flowmigrate/rules by the real flowmigrate process: they change the scan and the conversion; a broken file is
/// reported with file:line:col while the rest runs; a looping rule is killed after its limit and reported.
/// </summary>
public sealed class UserRulesEndToEndTests : IDisposable
{
    private static readonly string Example = Path.Combine(CliProcess.Root, "rulesets", "examples", "company-wrappers");

    private readonly string _repo = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", "userrules-" + Guid.NewGuid().ToString("N")[..8]);

    public UserRulesEndToEndTests()
    {
        Directory.CreateDirectory(Path.Combine(_repo, "flows"));
        File.Copy(Path.Combine(Example, "fixtures", "pipeline", "etl.py"), Path.Combine(_repo, "flows", "etl.py"));
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "flows");
    }

    private static string Expected => File.ReadAllText(Path.Combine(Example, "fixtures", "pipeline", "etl.expected.py"));

    [Fact]
    public async Task Should_Find_And_Convert_Flows_Written_With_Company_Wrappers_Once_The_Example_Rules_Are_In_The_Repository()
    {
        var before = await CliProcess.RunAsync("scan", "--json", _repo);
        Assert.Empty(Flows(before));

        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));
        var after = await CliProcess.RunAsync("scan", "--json", _repo);

        Assert.True(after.ExitCode == 0, after.Error);
        var flow = Assert.Single(Flows(after));
        Assert.Equal("nightly-etl", flow.GetProperty("name").GetString());
        Assert.Equal(["load", "extract"], flow.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("compiled in", after.Error);

        var converted = Path.Combine(_repo + "-out");
        var conversion = await CliProcess.RunAsync("convert", _repo, "--out", converted);

        Assert.True(conversion.ExitCode == 0, conversion.Error);
        Assert.Equal(Expected, File.ReadAllText(Path.Combine(converted, "flows", "etl.py")));
        Assert.Contains("from the cache", conversion.Error);
        Assert.DoesNotContain("compiled in", conversion.Error);
    }

    [Fact]
    public async Task Should_List_And_Show_The_Repositorys_User_Rules_With_Their_Files()
    {
        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));

        var list = await CliProcess.RunAsync("rules", "list", "--json", "--ruleset", "prefect1-to-prefect3", "--repo", _repo);

        Assert.True(list.ExitCode == 0, list.Error);
        using var json = JsonDocument.Parse(list.Output);
        var sources = json.RootElement.GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("source").GetString());
        Assert.Equal(".flowmigrate/rules/PageOncallRule.cs", sources["ACME001"]);
        Assert.StartsWith("user aliases (", sources["ALIAS"]);
        Assert.Equal("built-in", sources["PF310"]);

        var show = await CliProcess.RunAsync("rules", "show", "ACME001", "--repo", _repo);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("source   .flowmigrate/rules/PageOncallRule.cs", show.Output);
    }

    [Fact]
    public async Task Should_Migrate_A_Wrapped_Flow_On_Its_Branch_Like_A_Plain_Prefect_1_Flow()
    {
        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));

        var result = await CliProcess.RunAsync("migrate", _repo, "--all", "--yes", "--no-check");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(Expected, Git("show", "flowmigrate/flows.etl.nightly-etl:flows_v2/flows/etl.py"));
    }

    [Fact]
    public async Task Should_Report_A_Broken_Rule_File_With_File_Line_And_Column_And_Convert_With_The_Other_Rules()
    {
        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));
        File.WriteAllText(Path.Combine(_repo, ".flowmigrate", "rules", "Broken.cs"),
            "namespace Acme;\n\npublic sealed class Broken : IRule\n{\n    public RuleDescriptor Descriptor => new(\"ACME002\", \"broken\", \"runtime\", Safety.Manual, \"s\", \"w\", \"e\")\n    public IEnumerable<Finding> Analyze(RuleContext context) => [];\n}\n");

        var result = await CliProcess.RunAsync("convert", _repo, "--out", _repo + "-out");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("user rules: .flowmigrate/rules/Broken.cs:5:106: error CS1002: ; expected", result.Error);
        Assert.Equal(Expected, File.ReadAllText(Path.Combine(_repo + "-out", "flows", "etl.py")));
    }

    [Fact]
    public async Task Should_Kill_A_Looping_Rule_After_Its_Limit_Report_It_And_Convert_With_The_Other_Rules()
    {
        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));
        File.WriteAllText(Path.Combine(_repo, ".flowmigrate", "rules", "Loop.cs"),
            "namespace Acme;\n\npublic sealed class Loop : IRule\n{\n    public RuleDescriptor Descriptor { get; } = new(\"ACME900\", \"loops\", \"tasks\", Safety.Safe, \"s\", \"w\", \"e\");\n\n    public IEnumerable<Finding> Analyze(RuleContext context)\n    {\n        while (true)\n        {\n        }\n    }\n}\n");

        var result = await CliProcess.RunAsync("convert", _repo, "--out", _repo + "-out");

        Assert.Contains("user rules: .flowmigrate/rules/Loop.cs: ACME900 did not finish on flows/etl.py within 10 s; its host process was killed and the rule is disabled for this session", result.Error);
        Assert.Equal(Expected, File.ReadAllText(Path.Combine(_repo + "-out", "flows", "etl.py")));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Should_Report_A_Throwing_Rule_Disable_It_And_Convert_And_Migrate_With_The_Other_Rules()
    {
        AddRules(Directory.GetFiles(Path.Combine(Example, "rules"), "*.cs"));
        File.WriteAllText(Path.Combine(_repo, ".flowmigrate", "rules", "Throws.cs"),
            "namespace Acme;\n\npublic sealed class Throws : IRule\n{\n    public RuleDescriptor Descriptor { get; } = new(\"ACME901\", \"throws\", \"tasks\", Safety.Safe, \"s\", \"w\", \"e\");\n\n    public IEnumerable<Finding> Analyze(RuleContext context) => throw new System.InvalidOperationException(\"rule bug\");\n}\n");

        var converted = await CliProcess.RunAsync("convert", _repo, "--out", _repo + "-out");

        Assert.Contains("user rules: .flowmigrate/rules/Throws.cs: ACME901 threw on flows/etl.py (InvalidOperationException: rule bug); the rule is disabled for this session", converted.Error);
        Assert.Equal(1, converted.ExitCode);
        Assert.DoesNotContain("   at ", converted.Output + converted.Error);
        Assert.Equal(Expected, File.ReadAllText(Path.Combine(_repo + "-out", "flows", "etl.py")));

        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "rules");
        var migrated = await CliProcess.RunAsync("migrate", _repo, "--all", "--yes", "--no-check");

        Assert.True(migrated.ExitCode == 0, migrated.Output + migrated.Error);
        Assert.Contains("user rules: .flowmigrate/rules/Throws.cs: ACME901 threw on", migrated.Error);
        Assert.DoesNotContain("   at ", migrated.Output + migrated.Error);
        Assert.Equal(Expected, Git("show", "flowmigrate/flows.etl.nightly-etl:flows_v2/flows/etl.py"));
    }

    private void AddRules(IEnumerable<string> files)
    {
        var folder = Path.Combine(_repo, ".flowmigrate", "rules");
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    private static List<JsonElement> Flows(CliResult scan)
    {
        using var json = JsonDocument.Parse(scan.Output);
        return json.RootElement.GetProperty("flows").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    private string Git(params string[] arguments)
    {
        var (code, output, error) = GitCli.Run(_repo, arguments);
        Assert.True(code == 0, error);
        return output;
    }

    public void Dispose()
    {
        GitCli.DeleteRepository(_repo);
        if (Directory.Exists(_repo + "-out"))
        {
            Directory.Delete(_repo + "-out", true);
        }
    }
}
