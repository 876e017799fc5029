using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Planning;

public sealed class StepEngineTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly MigrationStep Step = new("s", "Step", "A step");

    [Fact]
    public async Task Should_Apply_A_Safe_Fix_And_Keep_Everything_Else_Byte_For_Byte()
    {
        var result = await RunAsync("import os\r\nif os:\r\n\tx = old(1)  # keep me   \r\n", FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Safe));
        Assert.Equal("import os\r\nif os:\r\n\tx = new(1)  # keep me   \r\n", result.After);
        Assert.Single(result.Applied);
    }

    [Fact]
    public async Task Should_Decline_A_Review_Fix_In_Safe_Only_Mode()
    {
        var result = await RunAsync("x = old(1)\n", FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Review));
        Assert.False(result.IsChanged);
        Assert.Single(result.Declined);
    }

    [Fact]
    public async Task Should_Record_Each_Findings_Anchor_And_Let_The_Users_Decisions_Read_It()
    {
        // Given two fixes in one module
        const string text = "x = old(1)\ny = old(2)\n";
        var plain = await RunAsync(text, FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Safe));
        var anchors = plain.Applied.Select(a => a.Anchor).ToList();
        Assert.Equal(plain.Applied.Select(a => ChangeAnchor.Compute(a.Finding, text)), anchors);
        Assert.Equal(2, anchors.Distinct().Count());

        // When the user turns the second off by its anchor
        var decided = await RunAsync(text, FixPolicy.SafeOnly with { IsExcluded = (_, _, anchor) => anchor == anchors[1] }, new RenameCall("old", "new", Safety.Safe));

        // Then only the first is applied, and the second is declined under the same anchor; declined review fixes keep theirs too
        Assert.Equal("x = new(1)\ny = old(2)\n", decided.After);
        Assert.Equal([anchors[0]], decided.Applied.Select(a => a.Anchor));
        Assert.Equal([anchors[1]], decided.Declined.Select(a => a.Anchor));
        var declined = await RunAsync(text, FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Review));
        Assert.Equal(anchors, declined.Declined.Select(a => a.Anchor));
    }

    [Fact]
    public async Task Should_Drop_A_Fix_Whose_Output_Would_Not_Parse()
    {
        var result = await RunAsync("x = old(1)\ny = old(2)\n", FixPolicy.SafeOnly, new RenameCall("old", "new(", Safety.Safe));
        Assert.False(result.IsChanged);
        Assert.Contains(result.Problems, p => p.Contains("would not parse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Drop_A_Fix_That_Only_A_Lenient_In_Process_Parser_Accepts()
    {
        // Given an in-process parser that wrongly accepts "new((" (not Python) by reading it as "new_("
        var lenientParses = 0;
        ParseOutcome? Lenient(string path, string text, SourceEncoding encoding, bool comments)
        {
            if (InProcessParser.TryParse(path, text, encoding, comments) is { } exact)
            {
                return exact;
            }

            if (InProcessParser.TryParse(path, text.Replace("new((", "new_(", StringComparison.Ordinal), encoding, comments) is not { } misread)
            {
                return null;
            }

            Interlocked.Increment(ref lenientParses);
            return new ParseOutcome(new PythonModule(path, text, encoding, misread.Module!.Root, misread.Module.Comments), null);
        }

        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, Lenient);
        var module = (await parser.ParseAsync("lenient/m.py", "x = old(1)\ny = 2\n")).Module!;
        var request = new StepRequest(Step, [new RenameCall("old", "new(", Safety.Safe)], [], new ProjectModel([module]), [module.Path], RulesetTables.Empty, RuleOptions.Default, FixPolicy.SafeOnly);

        // When a step applies a fix whose output is not Python
        var result = Assert.Single((await new StepEngine(parser).RunAsync(request)).Files);

        // Then the lenient parser took the broken text, but the user's Python did not confirm it: the fix is dropped
        Assert.True(lenientParses > 0, "the lenient parser was never asked about the broken text");
        Assert.Equal("x = old(1)\ny = 2\n", result.After);
        Assert.Contains(result.Problems, p => p.Contains("would not parse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Confirm_Many_Modules_Together_And_Redo_Only_Those_The_Users_Python_Rejects()
    {
        // Given the lenient in-process parser above and 70 modules (more than one confirmation batch), half of them
        // with a call the step breaks and half with a call it renames correctly
        ParseOutcome? Lenient(string path, string text, SourceEncoding encoding, bool comments) =>
            InProcessParser.TryParse(path, text, encoding, comments)
            ?? (InProcessParser.TryParse(path, text.Replace("new((", "new_(", StringComparison.Ordinal), encoding, comments) is { Module: { } misread }
                ? new ParseOutcome(new PythonModule(path, text, encoding, misread.Root, misread.Comments), null)
                : null);

        await shared.Worker.StartAsync();
        var parser = new ModuleParser(shared.Worker, inProcess: true, Lenient);
        var modules = new List<PythonModule>();
        for (var i = 0; i < 70; i++)
        {
            modules.Add((await parser.ParseAsync($"many/m{i:D2}.py", i % 2 == 0 ? $"x = old({i})\n" : $"x = keep({i})\n")).Module!);
        }

        var rules = new IRule[] { new RenameCall("old", "new(", Safety.Safe), new RenameCall("keep", "kept", Safety.Safe) };
        var request = new StepRequest(Step, rules, [], new ProjectModel(modules), modules.Select(m => m.Path).ToList(), RulesetTables.Empty, RuleOptions.Default, FixPolicy.SafeOnly);

        // When the step runs over them two at a time
        var files = (await new StepEngine(parser, concurrency: 2).RunAsync(request)).Files;

        // Then every broken fix is dropped on the worker's trees, and every good one is kept
        Assert.Equal(70, files.Count);
        for (var i = 0; i < 70; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal($"x = old({i})\n", files[i].After);
                Assert.Contains(files[i].Problems, p => p.Contains("would not parse", StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal($"x = kept({i})\n", files[i].After);
                Assert.Empty(files[i].Problems);
            }
        }
    }

    [Fact]
    public async Task Should_Write_A_Todo_Marker_Once_With_The_Line_Indentation()
    {
        var result = await RunAsync("def f():\n    return old(1)\n", FixPolicy.SafeOnly, new TodoOnCall("old"));
        Assert.Equal("def f():\n    # TODO(flowmigrate T001): replace old() by hand\n    return old(1)\n", result.After);
    }

    [Fact]
    public async Task Should_Report_A_Rule_That_Never_Stops_Changing_The_File()
    {
        var result = await RunAsync("x = 1\n", FixPolicy.SafeOnly, new AppendForever());
        Assert.Contains(result.Problems, p => p.Contains("not idempotent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Report_A_Rule_That_Throws_And_Go_On()
    {
        var result = await RunAsync("x = old(1)\n", FixPolicy.SafeOnly, new Throwing(), new RenameCall("old", "new", Safety.Safe));
        Assert.Equal("x = new(1)\n", result.After);
        Assert.Contains(result.Problems, p => p.Contains("T666 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Give_The_Same_Outcome_When_Modules_Are_Worked_On_Concurrently()
    {
        // Given modules that need one, two or no passes, a fix that breaks one module, generated files that agree or clash, and a path outside the project
        var modules = new List<PythonModule>();
        for (var i = 0; i < 12; i++)
        {
            var text = (i % 4) switch
            {
                0 => $"x = old({i})\n",
                1 => $"x = old(old({i}))\ny = old(2)\n",
                2 => "x = 1\n",
                _ => $"def f():\n    return old({i})\n",
            };
            modules.Add(await shared.Parser.ModuleAsync(text, $"pkg/m{i:00}.py"));
        }

        var project = new ProjectModel(modules);
        var paths = modules.Select(m => m.Path).Append("pkg/missing.py").ToList();
        IRule[] rules = [new RenameCall("old", "mid", Safety.Safe), new RenameCall("mid", "new", Safety.Safe), new BreakOne("pkg/m05.py"), new GenerateFile(), new TodoOnCall("new")];
        var request = new StepRequest(Step, rules, [], project, paths, RulesetTables.Empty, RuleOptions.Default, FixPolicy.SafeOnly);

        // When the step runs one module at a time and four at a time
        var sequential = Describe(await new StepEngine(shared.Parser).RunAsync(request));
        var concurrent = Describe(await new StepEngine(shared.Parser, 4).RunAsync(request));

        // Then everything, order included, is the same
        Assert.Equal(sequential, concurrent);
        Assert.Contains("generated twice", sequential, StringComparison.Ordinal);
        Assert.Contains("would not parse", sequential, StringComparison.Ordinal);
        Assert.Contains("pkg/missing.py: not part of the project", sequential, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Apply_Findings_That_Share_An_Import_Edit_In_One_Pass()
    {
        // Given two conversions that each add the same name to one import statement (the same shareable replacement of its last name)
        var rule = new RenameAndImport("new", shareable: true);
        var result = await RunAsync("from lib import a\nx = old(1)\ny = old(2)\n", FixPolicy.SafeOnly, rule);

        // Then both land in the first pass (the shared replacement applied once), and the second pass finds nothing
        Assert.Equal("from lib import a, new\nx = new(1)\ny = new(2)\n", result.After);
        Assert.Equal([2, 3], result.Applied.Select(a => a.Line));
        Assert.Equal(2, rule.Passes);
    }

    [Fact]
    public async Task Should_Defer_A_Finding_Whose_Equal_Edit_Its_Rule_Did_Not_Mark_Shareable()
    {
        // Given the same two conversions, whose rule does not vouch for its import edit (it might do more on the next pass)
        var rule = new RenameAndImport("new");
        var result = await RunAsync("from lib import a\nx = old(1)\ny = old(2)\n", FixPolicy.SafeOnly, rule);

        // Then the second conversion is computed again on the first one's output, a pass later
        Assert.Equal("from lib import a, new\nx = new(1)\ny = new(2)\n", result.After);
        Assert.Equal(3, rule.Passes);
    }

    [Fact]
    public async Task Should_Defer_A_Finding_Whose_Import_Edit_Differs_From_An_Earlier_One_Of_The_Same_Pass()
    {
        // Given two rules that add different names to the same import statement
        var (first, second) = (new RenameAndImport("new", shareable: true), new RenameAndImport("other", from: "older", shareable: true));
        var result = await RunAsync("from lib import a\nx = old(1)\ny = older(2)\n", FixPolicy.SafeOnly, first, second);

        // Then the second waits for the next pass (never both replacements of one span) and sees the first one's import there
        Assert.Equal("from lib import a, new, other\nx = new(1)\ny = other(2)\n", result.After);
        Assert.Equal(3, second.Passes);
    }

    [Fact]
    public async Task Should_Apply_A_Finding_In_The_Pass_That_Applies_The_Findings_It_Requires()
    {
        // Given conversions of every use of an imported name and the removal of that import, which requires them all
        var rule = new RenameThenDropImport();
        var result = await RunAsync("from lib import old\nx = old(1)\ny = old(2)\n", FixPolicy.SafeOnly, rule);

        // Then all three land in the first pass, and the second finds nothing
        Assert.Equal("x = new(1)\ny = new(2)\n", result.After);
        Assert.Equal(3, result.Applied.Count);
        Assert.Equal(2, result.Passes);
    }

    [Fact]
    public async Task Should_Hold_Back_A_Finding_While_A_Finding_It_Requires_Is_Not_Applied()
    {
        // Given the same findings, and the user turned the second conversion off
        var policy = FixPolicy.SafeOnly with { IsExcluded = (_, finding, _) => finding.Message == "rename old at 3" };
        var result = await RunAsync("from lib import old\nx = old(1)\ny = old(2)\n", policy, new RenameThenDropImport());

        // Then the import the second still uses stays
        Assert.Equal("from lib import old\nx = new(1)\ny = old(2)\n", result.After);
        Assert.Equal(["rename old at 2"], result.Applied.Select(a => a.Finding.Message));
    }

    [Fact]
    public async Task Should_Not_Call_A_Prefiltered_Rule_On_A_Text_That_Mentions_None_Of_Its_Words()
    {
        // Given a rule that renames old() to new(), and a rule that can only find something where `old` is written
        var watcher = new MentionWatcher("old");
        var result = await RunAsync("x = old(1)\n", FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Safe), watcher);

        // Then it is called on the first pass's text only: the second pass's text no longer mentions `old`
        Assert.Equal("x = new(1)\n", result.After);
        Assert.Equal(["x = old(1)\n"], watcher.Seen);
    }

    [Fact]
    public async Task Should_Call_A_Prefiltered_Rule_On_Text_That_Is_Not_Ascii()
    {
        // Given the same rules and a module with a non-ASCII identifier (Python NFKC-normalizes identifiers: its text need
        // not spell a name as itself)
        var watcher = new MentionWatcher("old");
        var result = await RunAsync("é = old(1)\n", FixPolicy.SafeOnly, new RenameCall("old", "new", Safety.Safe), watcher);

        // Then it is called on every pass
        Assert.Equal("é = new(1)\n", result.After);
        Assert.Equal(["é = old(1)\n", "é = new(1)\n"], watcher.Seen);
    }

    private static string Describe(StepOutcome outcome) => string.Join("\n", outcome.Files.Select(f =>
            $"{f.Path}|{f.After}|{string.Join(",", f.Applied.Select(a => $"{a.Finding.RuleId}@{a.Line}"))}|{string.Join(",", f.Problems)}")
        .Concat(outcome.Generated.Select(g => $"generated {g.Path}|{g.Text}"))
        .Concat(outcome.Problems));

    private async Task<FileChange> RunAsync(string text, FixPolicy policy, params IRule[] rules)
    {
        var module = await shared.Parser.ModuleAsync(text);
        var project = new ProjectModel([module]);
        var outcome = await new StepEngine(shared.Parser).RunAsync(new StepRequest(Step, rules, [], project, [module.Path], RulesetTables.Empty, RuleOptions.Default, policy));
        return Assert.Single(outcome.Files);
    }

    private sealed class RenameCall(string from, string to, Safety safety) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T001", "rename-call", "s", safety, "renames", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            context.Module.Root.Descendants()
                .Where(n => n.Is("Call") && n.Child("func")?.DottedName() == from)
                .Select(n => new Finding("T001", n.Span, $"rename {from}") { Fix = new Fix([TextEdit.Replace(n.Child("func")!.Span, to)], safety, $"{from} → {to}") });
    }

    // Renames calls of `from` to `to` and adds `to` to the module's first import (`from lib import a` → `from lib import a, to`).
    private sealed class RenameAndImport(string to, string from = "old", bool shareable = false) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T005", "rename-import", "s", Safety.Safe, "renames and imports", "tests", "");

        public int Passes { get; private set; }

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            Passes++;
            var import = context.Module.Body[0];
            var names = import.Children("names").ToList();
            var imported = names.Any(n => n.Scalar("name") == to);
            return context.Module.Root.Descendants()
                .Where(n => n.Is("Call") && n.Child("func")?.DottedName() == from)
                .Select(n => new Finding("T005", n.Span, $"rename {from}")
                {
                    Fix = new Fix(imported
                        ? [TextEdit.Replace(n.Child("func")!.Span, to)]
                        : [TextEdit.Replace(n.Child("func")!.Span, to), TextEdit.Replace(names[^1].Span, context.Module.GetText(names[^1]) + ", " + to) with { Shareable = shareable }], Safety.Safe, $"{from} → {to}"),
                })
                .ToList();
        }
    }

    // Renames each call of `old` to `new`, and deletes the module's first line (`from lib import old`) together with them.
    private sealed class RenameThenDropImport : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T006", "rename-drop-import", "s", Safety.Safe, "renames and drops the import", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            var module = context.Module;
            var renames = module.Root.Descendants()
                .Where(n => n.Is("Call") && n.Child("func")?.DottedName() == "old")
                .Select(n => new Finding("T006", n.Span, $"rename old at {module.Lines.LineOf(n.Span.Start)}") { Fix = Fix.Safe("old → new", TextEdit.Replace(n.Child("func")!.Span, "new")) })
                .ToList();
            if (module.Text.StartsWith("from lib import old", StringComparison.Ordinal))
            {
                renames.Add(new Finding("T006", new TextSpan(0, 0), "drop the import") { Fix = Fix.Safe("drop", TextEdit.Delete(module.Lines.LineSpan(1))), Requires = renames.ToList() });
            }

            return renames;
        }
    }

    // Finds nothing; notes the texts the engine calls it on.
    private sealed class MentionWatcher(string word) : IPrefilteredRule
    {
        public RuleDescriptor Descriptor { get; } = new("T006", "watch", "s", Safety.Safe, "watches", "tests", "");

        public List<string> Seen { get; } = [];

        public IReadOnlyList<string> Mentions(RulesetTables tables) => [word];

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            Seen.Add(context.Module.Text);
            return [];
        }
    }

    private sealed class TodoOnCall(string name) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T001", "todo", "s", Safety.Manual, "todo", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            context.Module.Root.Descendants()
                .Where(n => n.Is("Call") && n.Child("func")?.DottedName() == name)
                .Select(n => new Finding("T001", n.Span, "manual") { Todo = new ManualTodo($"replace {name}() by hand", "docs") });
    }

    private sealed class AppendForever : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T002", "append", "s", Safety.Safe, "appends", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) =>
            [new Finding("T002", new TextSpan(0, 0), "again") { Fix = Fix.Safe("again", TextEdit.Insert(context.Module.Text.Length, "y = 2\n")) }];
    }

    private sealed class BreakOne(string path) : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T003", "break", "s", Safety.Safe, "breaks", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) => context.Module.Path == path && !context.Module.Text.StartsWith('#')
            ? [new Finding("T003", new TextSpan(0, 0), "breaks") { Fix = Fix.Safe("breaks", TextEdit.Insert(0, "def (\n")) }]
            : [];
    }

    // Two modules write the same shared file with different text; every module writes its own file.
    private sealed class GenerateFile : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T004", "generate", "s", Safety.Safe, "generates", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context)
        {
            if (context.Module.Text.EndsWith("# generated\n", StringComparison.Ordinal))
            {
                return [];
            }

            var index = int.Parse(context.Module.Path[5..7], System.Globalization.CultureInfo.InvariantCulture);
            var shared = new GeneratedFile("out/shared.txt", index is 3 or 7 ? $"from {index}" : "same");
            var own = new GeneratedFile($"out/{index}.txt", context.Module.Text);
            return [new Finding("T004", new TextSpan(0, 0), "generates") { Fix = Fix.Safe("generates", TextEdit.Insert(context.Module.Text.Length, "# generated\n")) with { Files = [shared, own] } }];
        }
    }

    private sealed class Throwing : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("T666", "throws", "s", Safety.Safe, "throws", "tests", "");

        public IEnumerable<Finding> Analyze(RuleContext context) => throw new InvalidOperationException("boom");
    }
}
