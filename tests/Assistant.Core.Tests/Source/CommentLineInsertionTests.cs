using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Python.Parsing;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Source;

public sealed class CommentLineInsertionTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Flow = "# header\nimport os\n\n@task(retries=2)\ndef load(x: int = 1, *, y=None) -> int:\n    \"\"\"Doc # not a comment.\"\"\"\n    total = [i for i in range(x) if i]  # why\n    with open(f\"{x}.txt\") as f:\n        return len(total) + len(f.read())\n";

    [Theory]
    [InlineData(Flow, new[] { "@task", "    total", "        return" })]
    [InlineData(Flow, new[] { "import os", "import os", "def load" })]
    [InlineData("# a\r\nx = 1\r\nif x:\r\n    y = {\r\n        1: 2,\r\n    }\r\n", new[] { "x = 1", "        1: 2", "    }" })]
    [InlineData("# é\nvalue = call(\n    1,\n    2)\nprint('ü', value)\n", new[] { "    2)", "print" })]
    public async Task Should_Give_The_Module_A_Parse_Of_The_New_Text_Gives(string text, string[] lineStarts)
    {
        // Given a module and TODO lines inserted above some of its lines (some above the same line)
        var module = await shared.Parser.ModuleAsync(text);
        var edits = EditSet.Create(lineStarts.Select((line, i) => TextEdit.Insert(LineStart(text, line), $"{Indent(line)}# TODO(flowmigrate X{i}): check → this{(text.Contains('\r') ? "\r\n" : "\n")}")));

        // When the insertion is applied without parsing
        var moved = CommentLineInsertion.Apply(module, edits);

        // Then it is exactly what parsing the new text gives: text, every node and span, every comment
        var parsed = await shared.Parser.ModuleAsync(edits.ApplyTo(text));
        Assert.NotNull(moved);
        Assert.Equal(parsed.Text, moved.Text);
        Assert.Equal(Dump(parsed.Root), Dump(moved.Root));
        Assert.Equal(parsed.Comments, moved.Comments);
        // Linked as a fresh parse is (parents, pre-order, descendants), and the module it was moved from still as it was.
        Assert.Null(TreeDump.StructureDifference(parsed, moved));
        Assert.Null(TreeDump.StructureDifference(await shared.Parser.WorkerOnly().ModuleAsync(text), module));
    }

    [Theory]
    [InlineData("# c\nx = \"\"\"\nin a string\n\"\"\"\n", "in a string", "# TODO: x\n")]
    [InlineData("# c\nx = 1 + \\\n    2\n", "    2", "# TODO: x\n")]
    [InlineData("# c\nx = 1\ny = 2\n", "y = 2", "z = 3\n")]
    [InlineData("# c\nx = 1\ny = 2\n", "y = 2", "# TODO: no line end")]
    [InlineData("x = 1\ny = 2\n", "y = 2", "# TODO: the module had no comment\n")]
    public async Task Should_Leave_It_To_A_Parse_When_The_Insertion_May_Change_The_Tree(string text, string line, string inserted)
    {
        var module = await shared.Parser.ModuleAsync(text);
        Assert.Null(CommentLineInsertion.Apply(module, EditSet.Create([TextEdit.Insert(LineStart(text, line), inserted)])));
    }

    [Fact]
    public async Task Should_Leave_It_To_A_Parse_When_The_Insertion_Is_Not_At_A_Line_Start()
    {
        var module = await shared.Parser.ModuleAsync("# c\nx = 1\n");
        Assert.Null(CommentLineInsertion.Apply(module, EditSet.Create([TextEdit.Insert(module.Text.IndexOf('1', StringComparison.Ordinal), "# TODO\n")])));
    }

    private static int LineStart(string text, string line) =>
        text.StartsWith(line, StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + line, StringComparison.Ordinal) + 1;

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static string Dump(SyntaxNode node) =>
        $"{node.Kind}{node.Span}{node.HasPosition}(" + string.Join(";", node.FieldNames.Select(f =>
            f + "=" + (node.Scalar(f) ?? (node.Child(f) is { } child ? Dump(child) : string.Join(",", node.Children(f).Select(Dump)))))) + ")";
}
