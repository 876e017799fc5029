using Assistant.Core.Python;
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
    public async Task Should_Confirm_Many_Texts_In_Batches_In_Order_As_Single_Checks_Do()
    {
        // Given more texts than one batch holds, every seventh not Python, and one larger than a batch's character budget
        var files = Enumerable.Range(0, 150)
            .Select(i => ($"many/m{i}.py", i % 7 == 3 ? $"def f{i}(:\n    pass\n" : $"x{i} = {i}\n"))
            .Append(("many/large.py", string.Concat(Enumerable.Repeat("y = 'abcdefghij'\n", 130_000))))
            .ToList();

        // When they are confirmed together
        var many = await shared.Parser.CheckSyntaxManyAsync(files);

        // Then each answer is the one check_syntax gives for that text, in the same order
        Assert.Equal(files.Count, many.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var single = await shared.Parser.CheckSyntaxAsync(files[i].Item1, files[i].Item2);
            Assert.Equal(single, many[i]);
        }

        Assert.Equal(21, many.Count(d => d is not null));
    }

    [Fact]
    public async Task Should_Send_A_Text_Of_Many_Request_Segments_Intact_To_The_Worker()
    {
        // Given a module far longer than one segment of a request line, of escaped, non-ASCII and astral characters
        var lines = Enumerable.Range(0, 3_000).Select(i => $"v{i} = \"😀 ü \\\" <&> {i}\"  # é {i}\n");
        var text = string.Concat(lines) + "last = f('ключ 😀')\n";

        // When the worker parses it
        var outcome = await new ModuleParser(shared.Worker, inProcess: false).ParseAsync("long.py", text);

        // Then it read exactly that text: every statement, and the last one's span, are where the text has them
        var module = outcome.Module!;
        Assert.Equal(3_001, module.Root.Children("body").Count);
        Assert.Equal("last = f('ключ 😀')", module.GetText(module.Root.Children("body")[^1]));
        Assert.Equal(3_000, module.Comments.Count);
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
    public async Task Should_Read_Every_Kind_Of_Field_Value_Of_The_Compact_Tree_Encoding()
    {
        // Given a module whose tree has scalar lists, absent fields, a node without position or children,
        // a derived span, an integer flag and constants
        var module = await shared.Parser.ModuleAsync("def f():\n    global a, b\n    return x < 1 <= y\n\n[v for v in w if v]\n");

        // Then the kind table names each node's fields, absent ones (None, empty lists) are left out
        var function = module.Body[0];
        Assert.Equal(new[] { "name", "args", "body" }, function.FieldNames);
        Assert.Equal("f", function.Scalar("name"));
        var arguments = function.Child("args")!;
        Assert.Equal("arguments", arguments.Kind);
        Assert.Empty(arguments.FieldNames);
        Assert.False(arguments.HasPosition);
        Assert.Equal(default(Assistant.Core.Source.TextSpan), arguments.Span);

        // scalar lists are joined with commas, operators are names
        Assert.Equal("a,b", function.Children("body")[0].Scalar("names"));
        var compare = function.Children("body")[1].Child("value")!;
        Assert.Equal("Lt,LtE", compare.Scalar("ops"));
        Assert.Equal("int", compare.Children("comparators")[0].Scalar("vt"));
        Assert.Equal("1", compare.Children("comparators")[0].Scalar("v"));

        // a position-less node spans its children, and its integer field is a string
        var comprehension = module.Body[1].Child("value")!.Children("generators")[0];
        Assert.False(comprehension.HasPosition);
        Assert.Equal("v in w if v", module.GetText(comprehension));
        Assert.Equal("0", comprehension.Scalar("is_async"));
        Assert.Same(module.Body[1].Child("value"), comprehension.Parent);
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

    [Theory]
    [InlineData("x = '# not a comment'  # one\n", new[] { "# one" })]
    [InlineData("x = ('a'  # between parts\n     'b')\n", new[] { "# between parts" })]
    [InlineData("s = f\"{y!r:#>4}\"  # after an f-string\n", new[] { "# after an f-string" })]
    [InlineData("y = 1 # a # b\nz = 'no hash' # c\n", new[] { "# a # b", "# c" })]
    [InlineData("\"\"\"doc # no\"\"\"\n", new string[0])]
    [InlineData("# crlf \r\nz = 2\r# lone cr\rw = 3  # last, no newline", new[] { "# crlf ", "# lone cr", "# last, no newline" })]
    [InlineData("x = b'#'\n", new string[0])]
    public async Task Should_Find_Exactly_The_Comments_Outside_String_Literals(string text, string[] expected)
    {
        var module = await shared.Parser.ModuleAsync(text);

        Assert.Equal(expected, module.Comments.Select(c => c.Text));
        Assert.All(module.Comments, c => Assert.Equal(c.Text, module.GetText(c.Span)));
    }

    [Fact]
    public async Task Should_Answer_The_Same_Text_Again_From_Its_Cache()
    {
        var parser = new ModuleParser(shared.Worker);
        var first = await parser.ModuleAsync("x = 1  # c\n");

        Assert.Same(first, await parser.ModuleAsync("x = 1  # c\n"));
        Assert.NotSame(first, await parser.ModuleAsync("x = 1  # c\n", "other.py"));
        Assert.NotSame(first, await parser.ModuleAsync("x = 2  # c\n"));
        Assert.Equal("other.py", (await parser.ModuleAsync("x = 1  # c\n", "other.py")).Path);
    }

    [Fact]
    public async Task Should_Parse_A_Module_Nested_Deeper_Than_Sixty_Four_Json_Levels()
    {
        // A sum of 200 terms is a chain of 199 BinOp nodes; the answer once failed as "not a protocol message".
        var text = "total = " + string.Join(" + ", Enumerable.Range(0, 200)) + "\n";
        var module = await shared.Parser.ModuleAsync(text);

        var operations = module.Root.Descendants().Where(n => n.Is("BinOp")).ToList();
        Assert.Equal(199, operations.Count);
        Assert.Equal("0 + 1", module.GetText(operations[^1]));
        Assert.Equal(text.TrimEnd()["total = ".Length..], module.GetText(operations[0]));
    }

    [Fact]
    public async Task Should_Read_String_Constants_With_Escapes_Control_Characters_And_Astral_Characters()
    {
        const string text = "s = \"q\\\"uote\\\\back\\ttab\\x01ctl é 😀\\u00e9\"\n";
        var module = await shared.Parser.ModuleAsync(text);

        var literal = module.Root.Descendants().First(n => n.Is("Constant"));
        Assert.Equal("q\"uote\\back\ttab\u0001ctl é 😀é", ConstantSyntax.StringValue(literal));
        Assert.Equal(text.TrimEnd()["s = ".Length..], module.GetText(literal));
    }

    [Fact]
    public async Task Should_Share_Its_Cache_With_Every_Parser_Of_The_Same_Worker()
    {
        // A session hands out a new parser per use (planner, pipeline): the parses must still be re-used.
        var text = $"token = '{Guid.NewGuid():N}'  # c\n";
        var first = await new ModuleParser(shared.Worker).ModuleAsync(text);

        Assert.Same(first, await new ModuleParser(shared.Worker).ModuleAsync(text));
        using var other = Workers.Start();
        Assert.NotSame(first, await new ModuleParser(other).ModuleAsync(text));
    }
}
