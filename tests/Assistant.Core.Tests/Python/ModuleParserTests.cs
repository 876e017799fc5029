using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python;

public sealed class ModuleParserTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Fact]
    public async Task Should_Give_Utf16_Spans_For_Non_Ascii_Identifiers_Strings_And_Astral_Characters()
    {
        const string text = "café = \"😀 naïve\"  # ünïcode 😀\r\nrésumé(café, ключ=1)\n";
        var module = await shared.Parser.ModuleAsync(text);

        var call = CallSyntax.From(module.Root.Descendants().First(n => n.Is("Call")))!;
        Assert.Equal("résumé(café, ключ=1)", module.GetText(call.Node));
        Assert.Equal("café", module.GetText(call.Arguments[0]));
        Assert.Equal("ключ", call.Keywords[0].Name);
        Assert.Equal("1", module.GetText(call.Keywords[0].Value));

        var literal = module.Root.Descendants().First(n => n.Is("Constant"));
        Assert.Equal("\"😀 naïve\"", module.GetText(literal));
        Assert.Equal("😀 naïve", ConstantSyntax.StringValue(literal));

        var comment = Assert.Single(module.Comments);
        Assert.Equal("# ünïcode 😀", comment.Text);
        Assert.Equal(comment.Text, module.GetText(comment.Span));
    }

    [Fact]
    public async Task Should_Count_Lone_Carriage_Returns_As_Line_Breaks()
    {
        var module = await shared.Parser.ModuleAsync("a = 1\rb = 'é'\rc = f(b)\r");
        var call = module.Root.Descendants().First(n => n.Is("Call"));
        Assert.Equal("f(b)", module.GetText(call));
    }

    [Fact]
    public async Task Should_Return_A_Syntax_Error_As_Data()
    {
        var outcome = await shared.Parser.ParseAsync("bad.py", "def f(:\n    pass\n");
        Assert.False(outcome.IsSuccess);
        Assert.Equal(1, outcome.SyntaxError!.Line);
        Assert.False(string.IsNullOrEmpty(outcome.SyntaxError.Message));
    }

    [Fact]
    public async Task Should_Report_Python2_Print_As_A_Syntax_Error()
    {
        var outcome = await shared.Parser.ParseAsync("py2.py", "print 'hello'\n");
        Assert.Contains("print", outcome.SyntaxError!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Should_Expose_Decorators_Keywords_And_Dotted_Names()
    {
        const string text = "import flytekit as fk\nfrom flytekit import task as t, Resources\n\n@t(\n    retries=3,  # three\n    requests=Resources(cpu=\"1\"),\n)\nasync def f(a, b: int = 1, *, c):\n    return fk.current_context()\n";
        var module = await shared.Parser.ModuleAsync(text);
        var function = FunctionDefSyntax.From(module.Body[2])!;
        Assert.True(function.IsAsync);
        Assert.Equal(["a", "b", "c"], function.ParameterNames);
        var decorator = CallSyntax.From(Assert.Single(function.Decorators))!;
        Assert.Equal("t", decorator.FunctionName);
        Assert.Equal("3", module.GetText(decorator.Keyword("retries")!.Value));
        Assert.Equal("fk.current_context", CallSyntax.From(ReturnSyntax.From(function.Body[0])!.Value)!.FunctionName);

        var imports = module.Imports().ToList();
        Assert.Equal("fk", imports[0].Names[0].BoundName);
        Assert.Equal(("task", "t"), (imports[1].Names[0].Name, imports[1].Names[0].BoundName));
        Assert.Equal("flytekit", imports[1].Module);
        Assert.Equal("# three", Assert.Single(module.Comments).Text);
    }

    [Fact]
    public async Task Should_Give_Spans_To_Position_Less_Nodes_From_Their_Children()
    {
        var module = await shared.Parser.ModuleAsync("with Flow('x', schedule=s) as flow:\n    pass\n");
        var with = WithSyntax.From(module.Body[0])!;
        var (context, target) = with.Items[0];
        Assert.Equal("Flow('x', schedule=s)", module.GetText(context));
        Assert.Equal("flow", module.GetText(target!));
    }

    [Fact]
    public async Task Should_Keep_Keyword_Only_Defaults_Aligned_When_Some_Are_Missing()
    {
        var module = await shared.Parser.ModuleAsync("def f(*, a, b=2):\n    pass\n");
        var arguments = FunctionDefSyntax.From(module.Body[0])!.Parameters;
        Assert.Equal(2, arguments.Children("kw_defaults").Count);
        Assert.Equal("Missing", arguments.Children("kw_defaults")[0].Kind);
        Assert.Equal("2", module.GetText(arguments.Children("kw_defaults")[1]));
    }

    [Fact]
    public async Task Should_Check_Syntax_Without_Building_A_Tree()
    {
        Assert.Null(await shared.Parser.CheckSyntaxAsync("ok.py", "x = 1\n"));
        Assert.NotNull(await shared.Parser.CheckSyntaxAsync("bad.py", "x = (\n"));
    }
}
