using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Planning;

public sealed class ConversionPipelineTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    // Two steps: the first renames old() (to a broken "new((" in the tests that need one), the second renames new_() to fine().
    private static Ruleset TwoSteps(string renamedTo) => new(
        new RulesetManifest("t", "Test", "1", "a", "1", "b", "2", [new("one", "One", "first"), new("two", "Two", "second")], ["T001", "T002"],
            new Dictionary<string, string> { ["T001"] = "one", ["T002"] = "two" }, []),
        [new RenameCall("T001", "one", "old", renamedTo), new RenameCall("T002", "two", "new_", "fine")],
        [],
        RulesetTables.Empty,
        ".");

    // Reads the text "new((" (not Python) as "new_(" (same length, so every span still fits the real text).
    private static ParseOutcome? Lenient(string path, string text, SourceEncoding encoding, bool comments) =>
        InProcessParser.TryParse(path, text, encoding, comments)
        ?? (InProcessParser.TryParse(path, text.Replace("new((", "new_(", StringComparison.Ordinal), encoding, comments) is { Module: { } misread }
            ? new ParseOutcome(new PythonModule(path, text, encoding, misread.Root, misread.Comments), null)
            : null);

    [Fact]
    public async Task Should_Give_The_Same_Result_Confirming_At_The_End_As_After_Each_Step_When_Every_Text_Parses()
    {
        // Given modules every step's fix keeps valid Python
        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker);
        var ruleset = TwoSteps("new_");
        var project = await ProjectAsync(parser, 5, i => $"x = old({i})\ny = new_({i})\n");

        // When the pipeline confirms after each step, and when it confirms only at the end
        var eachStep = await new ConversionPipeline(parser, 2).RunAsync(ruleset, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);
        var atEnd = await new ConversionPipeline(parser, 2, confirmation: ConfirmationPoint.End).RunAsync(ruleset, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);

        // Then both convert every module the same way, step by step
        Assert.Equal(Texts(eachStep), Texts(atEnd));
        Assert.Equal("x = fine(0)\ny = fine(0)\n", atEnd.Project.ModuleAt("m/m0.py")!.Text);
        Assert.Equal(eachStep.Steps.SelectMany(s => s.Files.Select(f => f.After)).ToList(), atEnd.Steps.SelectMany(s => s.Files.Select(f => f.After)).ToList());
    }

    [Fact]
    public async Task Should_Run_Again_Confirming_Each_Step_When_A_Last_Text_Does_Not_Parse()
    {
        // Given an in-process parser that wrongly accepts "new((", and a first step whose fix writes it (the second step
        // renames nothing in it, so the broken text is the last one)
        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, Lenient);
        var ruleset = TwoSteps("new(");
        var project = await ProjectAsync(parser, 3, i => $"x = old({i})\n");
        var broken = new Ruleset(ruleset.Manifest, [ruleset.Rules[0]], [], RulesetTables.Empty, ".");

        // When the pipeline confirms only at the end
        var result = await new ConversionPipeline(parser, 2, confirmation: ConfirmationPoint.End).RunAsync(broken, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);

        // Then the user's Python rejected the last texts, and the conversion that ran again dropped the fix as confirming each step does
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"x = old({i})\n", result.Project.ModuleAt($"m/m{i}.py")!.Text);
            Assert.Contains(result.Steps[0].Files[i].Problems, p => p.Contains("would not parse", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Should_Run_Again_When_One_Of_Many_Texts_Confirmed_During_The_Last_Step_Does_Not_Parse()
    {
        // Given the lenient parser and one step that renames keep() in 69 modules and writes the broken "new((" in one
        // (more modules than one batch of confirmations: they go to the user's Python while the step works on the others)
        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, Lenient);
        var step = new RulesetManifest("t", "Test", "1", "a", "1", "b", "2", [new("one", "One", "only")], ["T001", "T002"],
            new Dictionary<string, string> { ["T001"] = "one", ["T002"] = "one" }, []);
        var ruleset = new Ruleset(step, [new RenameCall("T001", "one", "old", "new("), new RenameCall("T002", "one", "keep", "kept")], [], RulesetTables.Empty, ".");
        var project = await ProjectAsync(parser, 70, i => i == 40 ? "x = old(40)\n" : $"x = keep({i})\n");

        // When the pipeline confirms at the end
        var result = await new ConversionPipeline(parser, 2, confirmation: ConfirmationPoint.End).RunAsync(ruleset, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);

        // Then the broken text was caught and its fix dropped by the conversion run again, and every other module is converted
        Assert.Equal("x = old(40)\n", result.Project.ModuleAt("m/m40.py")!.Text);
        Assert.Contains(result.Steps[0].Files.Single(f => f.Path == "m/m40.py").Problems, p => p.Contains("would not parse", StringComparison.Ordinal));
        Assert.All(Enumerable.Range(0, 70).Where(i => i != 40), i => Assert.Equal($"x = kept({i})\n", result.Project.ModuleAt($"m/m{i}.py")!.Text));
    }

    [Fact]
    public async Task Should_Confirm_Only_The_Last_Texts_When_Confirming_At_The_End()
    {
        // Given the lenient parser, a first step that writes "new((" and a second step that turns what the lenient tree
        // calls new_() into fine(), which is valid Python again
        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, Lenient);
        var ruleset = TwoSteps("new(");
        var project = await ProjectAsync(parser, 1, _ => "x = old(1)\n");

        // When the pipeline confirms after each step, and when it confirms only at the end
        var eachStep = await new ConversionPipeline(parser).RunAsync(ruleset, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);
        var atEnd = await new ConversionPipeline(parser, confirmation: ConfirmationPoint.End).RunAsync(ruleset, project, Paths(project), RuleOptions.Default, FixPolicy.SafeOnly);

        // Then confirming each step rejects the first step's text, while confirming at the end proves only the last one, which parses
        Assert.Equal("x = old(1)\n", eachStep.Project.ModuleAt("m/m0.py")!.Text);
        Assert.Equal("x = fine(1)\n", atEnd.Project.ModuleAt("m/m0.py")!.Text);
        Assert.Null(await parser.WorkerOnly().CheckSyntaxAsync("m/m0.py", atEnd.Project.ModuleAt("m/m0.py")!.Text));
    }

    private static async Task<ProjectModel> ProjectAsync(ModuleParser parser, int count, Func<int, string> text)
    {
        var modules = new List<PythonModule>();
        for (var i = 0; i < count; i++)
        {
            modules.Add((await parser.ParseAsync($"m/m{i}.py", text(i))).Module!);
        }

        return new ProjectModel(modules);
    }

    private static List<string> Paths(ProjectModel project) => project.Modules.Select(m => m.Path).Order(StringComparer.Ordinal).ToList();

    private static List<string> Texts(ConversionResult result) => result.Project.Modules.OrderBy(m => m.Path, StringComparer.Ordinal).Select(m => m.Text).ToList();

    private sealed class RenameCall(string id, string step, string from, string to) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new(id, "rename-call", step, Safety.Safe, "renames", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            context.Module.Root.Descendants()
                .Where(n => n.Is("Call") && n.Child("func")?.DottedName() == from)
                .Select(n => new Finding(id, n.Span, $"rename {from}") { Fix = new Fix([TextEdit.Replace(n.Child("func")!.Span, to)], Safety.Safe, $"{from} → {to}") });
    }
}
