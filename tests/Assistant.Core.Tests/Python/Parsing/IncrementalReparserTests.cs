using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Parsing;

/// <summary>
/// The incremental re-parse must give exactly the tree and comments a parse of the whole edited text gives (the in-process
/// parser's, itself held to the worker's by <see cref="InProcessParserTests"/>), or give up (null) where the pieces might differ.
/// </summary>
public sealed class IncrementalReparserTests
{
    private const string Flow = """
        # a flow module
        from flytekit import task, workflow
        import os


        @task(retries=2)
        def first(x: int) -> int:
            # inside first
            return x + 1


        @task
        def second(y: int) -> int:
            return y * 2  # doubled


        @workflow
        def wf(x: int = 1) -> int:
            return second(y=first(x=x))


        if __name__ == "__main__":
            print(wf())
        """;

    [Theory]
    [InlineData("from flytekit import task, workflow", "import flyte")]
    [InlineData("@task(retries=2)", "@env.task")]
    [InlineData("return y * 2  # doubled", "return y * 3  # tripled\n    # TODO: more")]
    [InlineData("import os\n", "")]
    [InlineData("    print(wf())", "    print(wf())\n    print('again')")]
    [InlineData("# a flow module\n", "")]
    public void Should_Give_The_Whole_Parse_When_Editing_Within_Statements(string old, string replacement)
    {
        AssertSameAsWholeParse(Flow, Replace(Flow, old, replacement), expectIncremental: true);
    }

    [Fact]
    public void Should_Give_The_Whole_Parse_For_Insertions_At_Line_Starts_And_At_The_End()
    {
        var start = Flow.IndexOf("@task\n", StringComparison.Ordinal);
        AssertSameAsWholeParse(Flow, EditSet.Create([TextEdit.Insert(start, "import sys\n\n")]), expectIncremental: true);
        AssertSameAsWholeParse(Flow, EditSet.Create([TextEdit.Insert(0, "import flyte\n")]), expectIncremental: true);
        // The text ends without a line end: its last statement is edited, and text is added after it.
        AssertSameAsWholeParse(Flow, EditSet.Create([TextEdit.Insert(Flow.Length, "\nx = 1\n")]), expectIncremental: true);
        AssertSameAsWholeParse(Flow, EditSet.Create([TextEdit.Insert(Flow.Length, "  # no newline")]), expectIncremental: true);
        AssertSameAsWholeParse(Flow + "\n", EditSet.Create([TextEdit.Insert(Flow.Length + 1, "y = 2")]), expectIncremental: true);
    }

    [Fact]
    public void Should_Give_The_Whole_Parse_For_Several_Edits_In_Several_Statements()
    {
        var edits = EditSet.Create(
        [
            Edit(Flow, "from flytekit import task, workflow", "import flyte\nenv = flyte.TaskEnvironment(name=\"x\")"),
            Edit(Flow, "@task(retries=2)", "@env.task"),
            Edit(Flow, "@workflow", "@env.task"),
        ]);
        AssertSameAsWholeParse(Flow, edits, expectIncremental: true);
    }

    private const string Decorated = """
        import flytekit


        # before the decorators
        @task(
            retries=2,  # two
        )
        # between
        @cache
        async def first(x: int) -> int:
            # inside first
            return x + 1


        @dataclass
        class Config:
            name: str = "x"  # a name


        @workflow
        def wf() -> int:
            return 1
        """;

    [Theory]
    // Only decorators change: they are parsed again, the rest of the definition moves.
    [InlineData("@task(\n    retries=2,  # two\n)", "@env.task")]
    [InlineData("retries=2,  # two", "retries=3,  # three\n    cache=True,")]
    [InlineData("@cache\n", "@cache\n@other  # new\n")]
    [InlineData("# between\n", "")]
    [InlineData("@dataclass", "@dataclasses.dataclass(frozen=True)")]
    [InlineData("@workflow", "@env.task\n@trace")]
    // Decorators removed, or lines that are not decorators: the definition is parsed whole.
    [InlineData("@dataclass\n", "")]
    [InlineData("@task(\n    retries=2,  # two\n)", "X = 1")]
    // Edits that reach the definition's line or body.
    [InlineData("@cache\nasync def first", "@cache\ndef first")]
    [InlineData("@workflow\ndef wf() -> int:", "@workflow\ndef wf() -> str:")]
    [InlineData("name: str = \"x\"", "name: str = \"y\"")]
    public void Should_Give_The_Whole_Parse_When_Editing_Decorators(string old, string replacement)
    {
        AssertSameAsWholeParse(Decorated, Replace(Decorated, old, replacement), expectIncremental: true);
    }

    [Fact]
    public void Should_Give_The_Whole_Parse_When_Decorators_And_Other_Statements_Change_Together()
    {
        var edits = EditSet.Create(
        [
            Edit(Decorated, "import flytekit", "import flyte\nenv = flyte.TaskEnvironment(name=\"x\")"),
            Edit(Decorated, "@cache\n", ""),
            Edit(Decorated, "@dataclass", "@dataclasses.dataclass"),
            Edit(Decorated, "@workflow", "@env.task"),
            Edit(Decorated, "return 1", "return 2"),
        ]);
        AssertSameAsWholeParse(Decorated, edits, expectIncremental: true);
        // Text inserted at the start of the line after a decorated definition may continue its body: parsed with it.
        var after = Decorated.IndexOf("@dataclass", StringComparison.Ordinal);
        AssertSameAsWholeParse(Decorated, EditSet.Create([Edit(Decorated, "@cache", "@cached"), TextEdit.Insert(after, "    y = 2\n")]), expectIncremental: true);
    }

    [Fact]
    public void Should_Keep_Statements_Sharing_A_Line_Together()
    {
        const string text = "import a; import b\nx = (1,\n     2); y = 3\nz = 4\n";
        AssertSameAsWholeParse(text, Replace(text, "y = 3", "y = 30"), expectIncremental: true);
        AssertSameAsWholeParse(text, Replace(text, "import b", "import c"), expectIncremental: true);
    }

    [Fact]
    public void Should_Give_The_Whole_Parse_Of_Text_With_Carriage_Returns()
    {
        var text = Flow.Replace("\n", "\r\n", StringComparison.Ordinal);
        AssertSameAsWholeParse(text, Replace(text, "@task(retries=2)", "@env.task(retries=3)"), expectIncremental: true);
        AssertSameAsWholeParse(text, Replace(text, "import os\r\n", "import os\r\nimport sys\r\n"), expectIncremental: true);
    }

    [Theory]
    // The line end of an edited statement removed: it runs into the next, untouched one.
    [InlineData("import os\n\n\n", "import os")]
    // An edited statement continued onto the next one with a backslash.
    [InlineData("import os\n", "import os; x = 1 + \\\n")]
    // A bracket or a string opened and not closed before the next untouched statement.
    [InlineData("import os\n", "x = (\n")]
    [InlineData("import os\n", "x = '''\n")]
    public void Should_Give_Up_When_An_Edit_Reaches_Into_The_Next_Statement(string old, string replacement)
    {
        AssertSameAsWholeParse(Flow, Replace(Flow, old, replacement), expectIncremental: false);
    }

    [Fact]
    public void Should_Give_Up_When_An_Edited_Statement_Would_Continue_The_Block_Before_It()
    {
        // The replaced statement becomes an indented line: in the whole text it is part of first's body.
        const string text = "def first():\n    return 1\nx = 2\ny = 3\n";
        AssertSameAsWholeParse(text, Replace(text, "x = 2", "    x = 2"), expectIncremental: false);
    }

    [Fact]
    public void Should_Give_Up_On_Constructs_It_Leaves_To_The_Worker_And_On_Modules_Without_Comments()
    {
        AssertSameAsWholeParse(Flow, Replace(Flow, "import os\n", "match os:\n    case 1:\n        pass\n"), expectIncremental: false);

        var withoutComments = InProcessParser.TryParse("m.py", Flow, SourceEncoding.Utf8, comments: false)!.Module!;
        Assert.False(withoutComments.CommentsCollected);
        var edits = Replace(Flow, "import os", "import sys");
        Assert.Null(IncrementalReparser.TryReparse(withoutComments, edits, edits.ApplyTo(Flow)));
    }

    [Fact]
    public void Should_Leave_The_Previous_Tree_As_It_Was()
    {
        var previous = Parse(Flow);
        var before = TreeDump.Lines(previous);
        var edits = Replace(Flow, "@task(retries=2)", "@env.task");

        var reparsed = IncrementalReparser.TryReparse(previous, edits, edits.ApplyTo(Flow));

        Assert.NotNull(reparsed);
        Assert.Equal(before, TreeDump.Lines(previous));
        Assert.All(previous.Body, statement => Assert.Same(previous.Root, statement.Parent));
        Assert.All(reparsed.Body, statement => Assert.Same(reparsed.Root, statement.Parent));
    }

    [Fact]
    public void Should_Give_The_Whole_Parse_For_Random_Line_Edits_Of_Every_Fixture_And_Demo_Module()
    {
        var files = Directory.EnumerateFiles(RepositoryLayout.Rulesets, "*.py", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryLayout.Demo, "*.py", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        var random = new Random(20261122);
        var (incremental, wholeOnly, differences) = (0, 0, new List<string>());
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (InProcessParser.TryParse(file, text, SourceEncoding.Utf8, comments: true)?.Module is not { } previous)
            {
                continue;
            }

            for (var round = 0; round < 4; round++)
            {
                var edits = RandomLineEdits(text, random);
                var edited = edits.ApplyTo(text);
                var whole = InProcessParser.TryParse(file, edited, SourceEncoding.Utf8, comments: true)?.Module;
                var reparsed = IncrementalReparser.TryReparse(previous, edits, edited);
                if (reparsed is null)
                {
                    wholeOnly++;
                    continue;
                }

                incremental++;
                var difference = whole is null ? "the whole text does not parse in process"
                    : TreeDump.FirstDifference(whole, reparsed) ?? TreeDump.StructureDifference(whole, reparsed)
                    ?? TreeDump.StructureDifference(Parse(text), previous);
                if (difference is not null)
                {
                    differences.Add($"{file} with {string.Join(", ", edits.Edits)}:\n{difference}");
                }
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} re-parses differ; first:\n{string.Join("\n", differences.Take(3))}");
        Assert.True(incremental > wholeOnly, $"only {incremental} incremental re-parses against {wholeOnly} left to a whole parse");
    }

    // One to three edits of whole lines: a line replaced by another line of the module, deleted, or inserted, or a comment line inserted.
    private static EditSet RandomLineEdits(string text, Random random)
    {
        var lines = LineMap.For(text);
        var edits = new List<TextEdit>();
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            var line = random.Next(1, lines.LineCount + 1);
            var span = lines.LineSpan(line);
            var other = lines.LineSpan(random.Next(1, lines.LineCount + 1));
            var decorators = Enumerable.Range(1, lines.LineCount).Where(l => text[lines.LineSpan(l).Start..].StartsWith('@')).ToList();
            if (decorators.Count > 0 && random.Next(3) == 0)
            {
                // A decorator line replaced by another one of the module (its line end kept), or one inserted above it.
                var at = lines.LineSpan(decorators[random.Next(decorators.Count)]);
                var from = lines.LineSpan(decorators[random.Next(decorators.Count)]);
                var decorator = text[from.Start..from.End].TrimEnd('\r', '\n');
                var replaced = random.Next(2) == 0
                    ? TextEdit.Replace(new TextSpan(at.Start, at.Start + text[at.Start..at.End].TrimEnd('\r', '\n').Length), decorator)
                    : TextEdit.Insert(at.Start, text[from.Start..from.End]);
                if (EditSet.OverlapsNone(edits, replaced))
                {
                    edits.Add(replaced);
                }

                continue;
            }

            var edit = random.Next(4) switch
            {
                0 => TextEdit.Replace(span, text[other.Start..other.End]),
                1 => TextEdit.Delete(span),
                2 => TextEdit.Insert(span.Start, text[other.Start..other.End]),
                _ => TextEdit.Insert(span.Start, "# TODO(flowmigrate): check\n"),
            };
            if (EditSet.OverlapsNone(edits, edit))
            {
                edits.Add(edit);
            }
        }

        return EditSet.Create(edits);
    }

    private static void AssertSameAsWholeParse(string text, EditSet edits, bool expectIncremental)
    {
        var previous = Parse(text);
        var edited = edits.ApplyTo(text);
        var reparsed = IncrementalReparser.TryReparse(previous, edits, edited);
        if (!expectIncremental)
        {
            Assert.Null(reparsed);
            return;
        }

        Assert.NotNull(reparsed);
        Assert.Equal(edited, reparsed.Text);
        Assert.True(reparsed.CommentsCollected);
        var whole = Parse(edited);
        Assert.Null(TreeDump.FirstDifference(whole, reparsed));
        // Linked as a fresh parse is, and the previous tree still as it was (no node of it taken into the new one).
        Assert.Null(TreeDump.StructureDifference(whole, reparsed));
        Assert.Null(TreeDump.StructureDifference(Parse(text), previous));
        Assert.Null(TreeDump.StructureDifference(whole, reparsed));
    }

    private static PythonModule Parse(string text) =>
        InProcessParser.TryParse("flow.py", text, SourceEncoding.Utf8, comments: true)?.Module ?? throw new InvalidOperationException($"does not parse in process:\n{text}");

    private static EditSet Replace(string text, string old, string replacement) => EditSet.Create([Edit(text, old, replacement)]);

    private static TextEdit Edit(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found");
        return TextEdit.Replace(new TextSpan(at, at + old.Length), replacement);
    }
}
