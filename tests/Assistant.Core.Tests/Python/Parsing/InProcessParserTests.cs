using System.Text;
using Assistant.Core.Python;
using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Parsing;

/// <summary>
/// Differential tests: the in-process parser must give exactly the worker's tree and comments (real python3), or give
/// up (null) so the worker answers. These tests need the worker's interpreter to be the version the parser reproduces.
/// </summary>
public sealed class InProcessParserTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly string TortureDirectory = Path.Combine(RepositoryLayout.Root, "tests", "Assistant.Core.Tests", "Python", "Parsing", "Torture");

    // The worker only: the reference side of every comparison.
    private readonly ModuleParser _worker = new(shared.Worker, inProcess: false);

    [Fact]
    public async Task Should_Run_Against_The_Python_Version_It_Reproduces()
    {
        var version = await shared.Worker.StartAsync();
        Assert.True(InProcessParser.Matches(version.Version), $"these tests compare with Python {InProcessParser.Reproduces}, the worker runs {version}");
    }

    [Fact]
    public async Task Should_Parse_In_Process_When_Enabled_And_Ask_The_Worker_Otherwise()
    {
        await shared.Worker.StartAsync();
        var enabled = new ModuleParser(shared.Worker);

        var parsed = (await enabled.ParseAsync("switch/a.py", "x = 1\n")).Module!;
        Assert.Equal((1, 0), (enabled.InProcessParses, enabled.WorkerParses));
        Assert.True(ModuleParser.ParsedInProcess(parsed));

        // What the in-process parser does not reproduce goes to the worker even when it is enabled.
        Assert.True((await enabled.ParseAsync("switch/m.py", "match x:\n    case 1:\n        pass\n")).IsSuccess);
        Assert.Equal((1, 1), (enabled.InProcessParses, enabled.WorkerParses));

        // Disabled, it never parses in process, and does not take the in-process tree from the shared cache.
        var disabled = new ModuleParser(shared.Worker, inProcess: false);
        var fromWorker = (await disabled.ParseAsync("switch/a.py", "x = 1\n")).Module!;
        Assert.Equal((0, 1), (disabled.InProcessParses, disabled.WorkerParses));
        Assert.False(ModuleParser.ParsedInProcess(fromWorker));
        Assert.Null(TreeDump.FirstDifference(fromWorker, parsed));
    }

    [Fact]
    public async Task Should_Build_The_Workers_Tree_For_Every_Fixture_And_Demo_Module()
    {
        var files = Directory.EnumerateFiles(RepositoryLayout.Rulesets, "*.py", SearchOption.AllDirectories)
            .Where(path => path.Contains($"{Path.DirectorySeparatorChar}fixtures{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(RepositoryLayout.Demo, "*.py", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 500, $"only {files.Count} fixture modules found");

        var parsed = 0;
        var differences = new List<string>();
        foreach (var file in files)
        {
            var text = Read(File.ReadAllBytes(file));
            if (await CompareAsync(file, text) is { } difference)
            {
                differences.Add(difference);
            }
            else if (InProcessParser.TryParse(file, text, SourceEncoding.Utf8, true) is not null)
            {
                parsed++;
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} modules differ; first:\n{string.Join("\n", differences.Take(3))}");

        // It must not quietly leave everything to the worker: the fixtures use almost nothing it gives up on.
        Assert.True(parsed >= files.Count * 0.98, $"parsed in process only {parsed} of {files.Count} modules");
    }

    [Theory]
    [InlineData("grammar.py")]
    [InlineData("layout.py")]
    public async Task Should_Build_The_Workers_Tree_For_The_Whole_Grammar(string name)
    {
        var text = Read(File.ReadAllBytes(Path.Combine(TortureDirectory, name)));
        await AssertSameAsync(name, text);
        await AssertSameAsync(name, text.Replace("\n", "\r\n", StringComparison.Ordinal));
        await AssertSameAsync(name, text.TrimEnd('\n'));
        await AssertSameAsync(name, text, comments: false);
    }

    [Fact]
    public async Task Should_Keep_Names_Loaded_Elsewhere_In_The_Load_Context_When_The_Same_Name_Becomes_A_Target()
    {
        // Given a module that loads x, parsed in process (its Name shares fields with every other load of x)
        var loads = InProcessParser.TryParse("loads.py", "x\ny = x\n", SourceEncoding.Utf8, true)!.Module!;

        // When later modules assign and delete x
        var targets = InProcessParser.TryParse("targets.py", "x = x\nx, *x = x\ndel x, [x]\n", SourceEncoding.Utf8, true)!.Module!;
        await AssertSameAsync("targets.py", targets.Text);

        // Then the earlier module's loads are still loads, and the later one's names have their own contexts
        Assert.All(loads.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == "x"), name => Assert.Equal("Load", name.Scalar("ctx")));
        Assert.Equal(
            ["Store", "Load", "Store", "Store", "Load", "Del", "Del"],
            targets.Root.Descendants().Where(n => n.Is("Name")).Select(n => n.Scalar("ctx")));
        await AssertSameAsync("loads.py", loads.Text);
    }

    [Fact]
    public async Task Should_Read_A_File_With_A_Byte_Order_Mark_Like_The_Worker()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("# ünïcode\r\nx = 'é'  # 😀\r\n")).ToArray();
        var text = Read(bytes);
        Assert.DoesNotContain('\uFEFF', text);
        await AssertSameAsync("bom.py", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# only a comment")]
    [InlineData("x = 1\nif x:\n    y = 2  # no newline at the end")]
    [InlineData("x = [\n1,\n  2]  # brackets\ny = 3\n")]
    [InlineData("s = 'a' 'b' \\\n    'c'\n")]
    [InlineData("f = f'{a!r:>{w}}' f'{b:%Y}' 'c' f'{d}'\n")]
    [InlineData("x = (1, 2,)[::-1]; y = {**a}; z = {**a, **b}\n")]
    [InlineData("def f(*, a, b): pass\ndef g(*, a, b=1): pass\ndef h(*, a=1, b=2): pass\n")]
    [InlineData("n = 1e-05, 1e+16, 100.0, 1e400, 2j, 1.5e300j, 0.1 + 0.2, 5e-324, 1e16j\n")]
    [InlineData("b = b'\\'', b'\"', b'\\'\"', b'\\x00\\xff\\x7f', b'\\\\'\n")]
    [InlineData("s = 'ü' 'ñ'; t = f'ü{x}ñ{y!r}😀{z:>3}'\n")]
    [InlineData("if x:\n\ty = 1  # tab\n")]
    [InlineData("x = 1\n\fy = 2\n\f\n\fdef f():\n    \f\n    return 1 \f# ff\n")]
    [InlineData("class A:\n\tdef f(self):\n\t\treturn 1\n\n\tx = 2\ny = 3\n")]
    [InlineData("if x:\n    \ty = 1\n    \tz = 2\n")]

    public async Task Should_Build_The_Workers_Tree_For_Edge_Cases(string text) => await AssertSameAsync("edge.py", text);

    public static TheoryData<string> SyntaxErrors() =>
    [
        "f() = 1\n", "1 = x\n", "a + b = c\n", "(a, 1) = x\n", "[a, f()] = x\n", "del f()\n", "del *a\n", "del a + b\n",
        "for 1 in x: pass\n", "for f() in x: pass\n", "a, b += 1\n", "[a] += 1\n", "f() += 1\n", "(a, b): int\n",
        "a := 1\n", "(a.b := 1)\n", "f(a=1, b)\n", "f(**a, *b)\n", "f(**a, b)\n", "f(x for x in y, 1)\n", "f(1, x for x in y)\n",
        "class A(x for x in y): pass\n", "def f(a=1, b): pass\n", "def f(*): pass\n", "def f(*, **k): pass\n",
        "def f(**k, a): pass\n", "def f(/, a): pass\n", "def f(a, *b, *c): pass\n", "lambda x: yield\n", "print 'hello'\n",
        "x = 01\n", "x = 1__0\n", "x = 0x\n", "x = 1_\n", "if x\n    pass\n", "try:\n    pass\n", "x = (1, 2\n", "x = [1, 2)\n",
        "x = }\n", "def f():\npass\n", "  x = 1\n", "if x:\n        a = 1\n    b = 2\n", "x = 'unterminated\n",
        "x = \"\"\"unterminated\n", "x = b'\u00fc'\n", "x = 'a' b'b'\n", "f\"{}\"\n", "f\"{x!z}\"\n", "f\"}\"\n", "f\"{x\"\n",
        "try:\n    pass\nexcept* :\n    pass\n", "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
        "x = {a: *b}\n", "x = [*a for a in b]\n", "x = (*a)\n", "with a as f(): pass\n", "import a as b.c\n", "from a import b,\n",
        "from import a\n", "x = yield = 1\n", "x = a if b\n", "def f(a, a=1, /, b): pass\n", "x = not\n", "x = 1 +\n",
        "@decorator\nx = 1\n", "else: pass\n", "async x = 1\n", "nonlocal\n", "global x,\n", "a.if = 1\n", "f(if=1)\n", "x = $\n",
        "x = a ! b\n", "x = 1 if 2 else\n", "x = [i for i in]\n", "x = {1: 2, 3}\n", "x = {1, 2: 3}\n", "return *\n",
        "x = 1\\", "x = (\n", "print(*a for a in b)\n", "f(*a=1)\n", "x[a:b:c:d]\n", "f\"{x!r }\"\n", "f\"{x! r}\"\n",
        "a = b: int\n", "x = [1,,2]\n", "def f(*a=1): pass\n", "with a as b, : pass\n", "f(a for a in b,)\n", "s = f'{x:{y:{z}}}'\n",
        "x = 1\n\\\n", "x = " + new string('(', 201) + new string(')', 201) + "\n", "x = 0_7\n", "if x:\n\ty = 1\n        z = 2\n", "if x:\n  \ty = 1\n\tz = 2\n", "if x:\n        y = 1\n\tz = 2\n", "x = '\\x4'\n", "def f(a b): pass\n", "x = a[]\n", "x = f(,)\n", "x = 1.e\n", "x = 0b2\n", "x = 0o8\n",
    ];

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public async Task Should_Leave_Every_Syntax_Error_To_The_Worker(string text)
    {
        Assert.NotNull(await _worker.CheckSyntaxAsync("bad.py", text));
        Assert.Null(InProcessParser.TryParse("bad.py", text, SourceEncoding.Utf8, true));
    }

    public static TheoryData<string> NotReproduced() =>
    [
        "match x:\n    case 1:\n        pass\n",
        "x = 1\ry = 2\n",
        "café = 1\n",
        "s = '\\N{BULLET}'\n",
        "s = f'{x=}'\n",
        "s = f'''{\nx}'''\n",
        "s = f'''a\n{x}'''\n",
        "try:\n    pass\nexcept:\n    pass\nexcept A:\n    pass\n",
        "x = " + new string('(', 180) + new string(')', 180) + "\n",
    ];

    [Theory]
    [MemberData(nameof(NotReproduced))]
    public async Task Should_Leave_What_It_Does_Not_Reproduce_To_The_Worker(string text)
    {
        Assert.True((await _worker.ParseAsync("valid.py", text)).IsSuccess, "the snippet should be valid Python");
        Assert.Null(InProcessParser.TryParse("valid.py", text, SourceEncoding.Utf8, true));
    }

    private async Task AssertSameAsync(string path, string text, bool comments = true)
    {
        var mine = InProcessParser.TryParse(path, text, SourceEncoding.Utf8, comments);
        Assert.True(mine is not null, $"not parsed in process: {InProcessParser.FallbackReason(text)}");
        var difference = await CompareAsync(path, text, comments);
        Assert.True(difference is null, difference);
    }

    // Null when the in-process parser agrees with the worker (same tree and comments, or it gave up); else where not.
    private async Task<string?> CompareAsync(string path, string text, bool comments = true)
    {
        var reference = await _worker.ParseAsync(path, text, comments: comments);
        var mine = InProcessParser.TryParse(path, text, SourceEncoding.Utf8, comments);
        if (mine is null)
        {
            return null;
        }

        if (reference.Module is null)
        {
            return $"{path}: the worker reports a syntax error ({reference.SyntaxError!.Message}) but the in-process parser built a tree";
        }

        return TreeDump.FirstDifference(reference.Module, mine.Module!) is { } difference ? $"{path}:\n{difference}" : null;
    }

    private static string Read(byte[] bytes) => SourceFileReader.Decode(bytes).Text ?? throw new InvalidOperationException("not readable");
}
