using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Rules.Authoring;

/// <summary>The shared rule-authoring helpers: imports, call arguments, list items and layout facts.</summary>
public sealed class AuthoringHelperTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private async Task<PythonModule> Parse(string text) => await shared.Parser.ModuleAsync(text);

    private static string Apply(PythonModule module, IEnumerable<TextEdit> edits) => EditSet.Create(edits).ApplyTo(module.Text);

    private static CallSyntax FirstCall(PythonModule module, string name) =>
        module.Root.Descendants().Where(n => n.Is("Call")).Select(n => new CallSyntax(n)).First(c => c.FunctionName == name);

    [Fact]
    public async Task Bindings_Should_Resolve_Aliases_And_Module_Imports()
    {
        var module = await Parse("import flytekit as fk\nfrom flytekit import task as t\nimport os\n\nx = fk.Resources\n");
        var bindings = PythonImports.Bindings(module, "flytekit");

        Assert.Equal(["fk", "t"], bindings.Select(b => b.LocalName));
        Assert.Equal("flytekit.task", bindings[1].QualifiedName);
        var attribute = module.Root.Descendants().First(n => n.Is("Attribute"));
        Assert.Equal("flytekit.Resources", PythonImports.Resolve(attribute, bindings));
    }

    [Theory]
    [InlineData("SMALL = Resources(cpu='1')\n", "Resources(cpu='1')")]
    [InlineData("SMALL = Resources(cpu='1')\ndef f():\n    SMALL = 2\n    return [SMALL for SMALL in range(3)]\n", "Resources(cpu='1')")]
    [InlineData("SMALL = Resources(cpu='1')\nSMALL = Resources(cpu='2')\n", null)]
    [InlineData("import os\nif os.getenv('X'):\n    SMALL = 1\nelse:\n    SMALL = 2\n", null)]
    [InlineData("SMALL = 1\nif True:\n    SMALL = 2\n", null)]
    [InlineData("SMALL = 1\nfor SMALL in range(2):\n    pass\n", null)]
    [InlineData("SMALL = 1\ndef bump():\n    global SMALL\n    SMALL = 2\n", null)]
    [InlineData("SMALL = 1\nfrom sizes import *\n", null)]
    [InlineData("SMALL = 1\ndef SMALL():\n    pass\n", null)]
    [InlineData("SMALL = 1\ndel SMALL\n", null)]
    [InlineData("SMALL = BIG = 1\n", null)]
    [InlineData("SMALL, OTHER = 1, 2\n", null)]
    [InlineData("OTHER = 1\n", null)]
    [InlineData("SMALL = 1\nVALUES = [(SMALL := v) for v in range(3)]\n", null)]
    public async Task Module_Constants_Should_Be_Names_Bound_Once_By_A_Top_Level_Assignment(string text, string? expected)
    {
        var module = await Parse(text);

        var value = ModuleConstants.ValueOf(module, "SMALL");

        Assert.Equal(expected, value is null ? null : module.GetText(value));
    }

    [Fact]
    public async Task Bindings_Should_Be_Read_For_Each_Set_Of_Roots_Apart()
    {
        // Given a module importing from packages whose names share a prefix
        var module = await Parse("import flytekit.types.file\nfrom flytekitplugins.spark import Spark\nfrom flyte import Env\nimport os.path as p\n");

        // When bindings are asked for different roots of the same module, in turns, one of them with a reused array changed in between
        var roots = new[] { "flytekit", "flytekitplugins" };
        var both = PythonImports.Bindings(module, roots);
        var flyte = PythonImports.Bindings(module, "flyte");
        roots[1] = "os";
        var withOs = PythonImports.Bindings(module, roots);

        // Then each answer holds the imports of its own roots only
        Assert.Equal(["flytekit", "flytekitplugins.spark.Spark"], both.Select(b => b.QualifiedName));
        Assert.Equal(["flytekit", "Spark"], both.Select(b => b.LocalName));
        Assert.Equal(["flyte.Env"], flyte.Select(b => b.QualifiedName));
        Assert.Equal(["flytekit", "os.path"], withOs.Select(b => b.QualifiedName));
        Assert.Equal(["flytekit", "p"], withOs.Select(b => b.LocalName));
        Assert.Same(both, PythonImports.Bindings(module, "flytekit", "flytekitplugins"));
    }

    [Fact]
    public async Task AddImport_Should_Take_The_Place_Of_The_Anchor_Package_And_Be_Added_Once()
    {
        var module = await Parse("import os\nfrom flytekit import task\n");
        Assert.Equal("import os\nimport flyte\nfrom flytekit import task\n", Apply(module, [PythonImports.AddImport(module, "flyte", "flytekit")!]));

        var already = await Parse("import flyte\n");
        Assert.Null(PythonImports.AddImport(already, "flyte"));
    }

    [Fact]
    public async Task AddImport_Should_Go_After_The_Last_Import_Or_The_Docstring()
    {
        var module = await Parse("\"\"\"doc\"\"\"\nimport os\n\nX = 1\n");
        Assert.Equal("\"\"\"doc\"\"\"\nimport os\nimport flyte\n\nX = 1\n", Apply(module, [PythonImports.AddImport(module, "flyte")!]));

        var docOnly = await Parse("\"\"\"doc\"\"\"\nX = 1\n");
        Assert.Equal("\"\"\"doc\"\"\"\n\nimport flyte\nX = 1\n", Apply(docOnly, [PythonImports.AddImport(docOnly, "flyte")!]));
    }

    [Fact]
    public async Task RemoveNames_Should_Drop_One_Name_Or_The_Whole_Statement()
    {
        var module = await Parse("from flytekit import Resources, task, workflow\nimport os\n");
        var import = module.Imports().First();
        Assert.Equal("from flytekit import Resources, workflow\nimport os\n", Apply(module, PythonImports.RemoveNames(module, import, [import.Names[1]])));
        Assert.Equal("import os\n", Apply(module, PythonImports.RemoveNames(module, import, import.Names)));
    }

    [Fact]
    public async Task RemoveNames_Should_Handle_Parenthesized_Multi_Line_Imports()
    {
        var module = await Parse("from flytekit import (\n    Resources,\n    task,  # decorator\n    workflow,\n)\n");
        var import = module.Imports().First();
        Assert.Equal("from flytekit import (\n    Resources,\n    workflow,\n)\n", Apply(module, PythonImports.RemoveNames(module, import, [import.Names[1]])));
    }

    [Fact]
    public async Task Imports_Should_List_Every_Import_At_Any_Depth_In_Source_Order_As_A_Full_Walk_Does()
    {
        var module = await Parse(string.Join('\n',
            "import os",
            "def f():",
            "    import a",
            "    class C:",
            "        from b import c",
            "if os:",
            "    import d",
            "elif f:",
            "    import e",
            "else:",
            "    import g",
            "try:",
            "    import h",
            "except ImportError:",
            "    import i",
            "else:",
            "    import j",
            "finally:",
            "    import k",
            "for x in []:",
            "    import l",
            "else:",
            "    import m",
            "while False:",
            "    import n",
            "with open('x') as fh:",
            "    import o",
            "match os:",
            "    case 1:",
            "        import p",
            "    case _:",
            "        import q",
            "async def g():",
            "    async with h:",
            "        import r",
            "    async for y in h:",
            "        import s",
            "x = [__import__('t') for _ in []]",
            ""));

        var expected = module.Root.Descendants().Where(n => n.Kind is "Import" or "ImportFrom").ToList();
        Assert.Equal(18, expected.Count);
        Assert.Equal(expected, module.Imports().Select(i => i.Node));
    }

    [Fact]
    public async Task MayResolveTo_Should_Be_False_Only_When_No_Binding_Can_Lead_To_The_Names()
    {
        var module = await Parse("import flytekit as fk\nfrom flytekit import Launch, task\nfrom flytekit.core.launch_plan import LaunchPlan as LP\n");
        var bindings = PythonImports.Bindings(module, "flytekit");

        Assert.True(PythonImports.MayResolveTo(bindings, "flytekit.map_task"));
        Assert.True(PythonImports.MayResolveTo([bindings[1], bindings[2]], "flytekit.task"));
        Assert.True(PythonImports.MayResolveTo([bindings[3]], "flytekit.LaunchPlan", "flytekit.core.launch_plan.LaunchPlan"));
        Assert.False(PythonImports.MayResolveTo([bindings[1], bindings[2]], "flytekit.LaunchPlan"));
        Assert.False(PythonImports.MayResolveTo([], "flytekit.task"));
    }

    [Fact]
    public async Task Resolve_Should_Follow_The_First_Name_Of_A_Chain_Only()
    {
        var module = await Parse("import flytekit as fk\nfrom flytekit import task\n\nfk.core.task.Task\ntask\nfk().x\nother.fk\n");
        var bindings = PythonImports.Bindings(module, "flytekit");
        var values = module.Body.Skip(2).Select(s => s.Child("value")).ToList();

        Assert.Equal("flytekit.core.task.Task", PythonImports.Resolve(values[0], bindings));
        Assert.Equal("flytekit.task", PythonImports.Resolve(values[1], bindings));
        Assert.Null(PythonImports.Resolve(values[2], bindings));
        Assert.Null(PythonImports.Resolve(values[3], bindings));
        Assert.Null(PythonImports.Resolve(null, bindings));
    }

    [Fact]
    public async Task IsUsed_Should_Ignore_Import_Statements()
    {
        var module = await Parse("from flytekit import task\nfrom flytekit import workflow\n\n@workflow\ndef f():\n    pass\n");
        Assert.False(PythonImports.IsUsed(module, "task"));
        Assert.True(PythonImports.IsUsed(module, "workflow"));
    }

    [Fact]
    public async Task DottedNames_Should_Answer_What_Comparing_DottedName_Answers_For_Every_Node()
    {
        var module = await Parse("import flyte\n\nenv = flyte.TaskEnvironment(name=\"x\")\nt = flyte.Trigger(1)\ny = f()[0].g.h()\nflyte.io.File\nTrigger()\n");
        string[] candidates = ["flyte", "flyte.TaskEnvironment", "flyte.Trigger", "Trigger", "flyte.io", "flyte.io.File", "io.File", "File", "g.h", "f", "", ".Trigger", "xflyte.Trigger"];

        foreach (var node in module.Root.Descendants())
        {
            foreach (var candidate in candidates)
            {
                Assert.Equal(node.DottedName() == candidate, DottedNames.Is(node, candidate));
                Assert.Equal(CallSyntax.From(node)?.FunctionName == candidate, DottedNames.IsCallOf(node, candidate));
            }
        }

        Assert.True(DottedNames.IsCallOf(module.Body[1].Child("value"), "flyte.TaskEnvironment"));
        Assert.False(DottedNames.Is(null, "flyte"));
    }

    [Fact]
    public async Task IsNamed_Should_Count_Assigned_Names_Too_But_Not_Import_Statements()
    {
        var module = await Parse("from flytekit import task, Resources\n\nResources = 1\nprint(task.name)\n");
        Assert.True(PythonImports.IsNamed(module, "Resources"));
        Assert.False(PythonImports.IsUsed(module, "Resources"));
        Assert.True(PythonImports.IsNamed(module, "task"));
        Assert.False(PythonImports.IsNamed(module, "flytekit"));
        Assert.False(PythonImports.IsNamed(module, "name"));
    }

    [Fact]
    public async Task Remove_Should_Delete_Inline_Arguments_With_One_Comma()
    {
        var module = await Parse("f(a=1, b=2, c=3)\n");
        var call = FirstCall(module, "f");
        Assert.Equal("f(a=1, c=3)\n", Apply(module, CallArguments.Remove(module, call, [call.Keyword("b")!.Node])));
        Assert.Equal("f(a=1)\n", Apply(module, CallArguments.Remove(module, call, [call.Keyword("b")!.Node, call.Keyword("c")!.Node])));
        Assert.Equal("f(c=3)\n", Apply(module, CallArguments.Remove(module, call, [call.Keyword("a")!.Node, call.Keyword("b")!.Node])));
    }

    [Fact]
    public async Task Remove_Should_Delete_Own_Line_Arguments_With_Their_Comments()
    {
        var module = await Parse("f(\n    # about a\n    a=1,\n    b=2,  # about b\n    c=3,\n)\n");
        var call = FirstCall(module, "f");
        Assert.Equal("f(\n    b=2,  # about b\n    c=3,\n)\n", Apply(module, CallArguments.Remove(module, call, [call.Keyword("a")!.Node])));
        Assert.Equal("f(\n    # about a\n    a=1,\n    c=3,\n)\n", Apply(module, CallArguments.Remove(module, call, [call.Keyword("b")!.Node])));
    }

    [Fact]
    public async Task RenameKeyword_Should_Replace_Only_The_Name()
    {
        var module = await Parse("R(mem='1Gi')\n");
        var call = FirstCall(module, "R");
        Assert.Equal("R(memory='1Gi')\n", Apply(module, [CallArguments.RenameKeyword(call.Keyword("mem")!, "memory")]));
    }

    [Fact]
    public async Task Append_Should_Follow_The_Call_Layout()
    {
        var inline = await Parse("f(a=1)\n");
        Assert.Equal("f(a=1, b=2)\n", Apply(inline, [CallArguments.Append(inline, FirstCall(inline, "f"), "b=2")]));

        var empty = await Parse("f()\n");
        Assert.Equal("f(b=2)\n", Apply(empty, [CallArguments.Append(empty, FirstCall(empty, "f"), "b=2")]));

        var multiLine = await Parse("f(\n    a=1,\n)\n");
        Assert.Equal("f(\n    a=1,\n    b=2,\n)\n", Apply(multiLine, [CallArguments.Append(multiLine, FirstCall(multiLine, "f"), "b=2")]));
    }

    [Fact]
    public async Task Layout_Facts_Should_Follow_The_Module()
    {
        var module = await Parse("x = 'a'\ny = 'b'\nz = \"c\"\n\ndef f():\n\treturn 1\n");
        Assert.Equal('\'', SourceText.PreferredQuote(module));
        Assert.Equal("'it\\'s'", SourceText.Literal(module, "it's"));
        Assert.Equal("\t", SourceText.IndentUnit(module));
        var ret = module.Root.Descendants().First(n => n.Is("Return"));
        Assert.Equal("\t", SourceText.IndentAt(module, ret.Span.Start));
    }

    [Fact]
    public async Task PreferredQuote_Should_Read_The_Quote_After_String_Prefixes()
    {
        Assert.Equal('\'', SourceText.PreferredQuote(await Parse("a = r'x'\nb = u'z'\nc = \"y\"\n")));
        Assert.Equal('"', SourceText.PreferredQuote(await Parse("a = R\"x\"\nb = U\"\"\"doc\"\"\"\nc = 'y'\n")));
        Assert.Equal('"', SourceText.PreferredQuote(await Parse("x = 1\n")));
    }

    [Fact]
    public async Task Rewrite_Should_Apply_Edits_Inside_A_Span()
    {
        var module = await Parse("x = Resources(mem='1Gi')\n");
        var call = FirstCall(module, "Resources");
        var text = SourceText.Rewrite(module, call.Node.Span, [TextEdit.Replace(call.Function.Span, "flyte.Resources"), CallArguments.RenameKeyword(call.Keyword("mem")!, "memory")]);
        Assert.Equal("flyte.Resources(memory='1Gi')", text);
    }
}
