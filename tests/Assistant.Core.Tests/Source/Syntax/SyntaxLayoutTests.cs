using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Source.Syntax;

/// <summary>
/// Nodes keep their field names in a layout shared by all nodes of one shape: a node of many fields, a thread that meets
/// more shapes than its layout table holds, and the parser's in-place target contexts must read back exactly as built.
/// </summary>
public sealed class SyntaxLayoutTests
{
    [Fact]
    public void Should_Name_The_Parent_Field_Of_Every_Child_Of_A_Node_With_More_Fields_Than_A_Child_Can_Index()
    {
        // Given a node of 40 fields (past the 31 whose index a child keeps), alternating single children and lists
        var fields = new KeyValuePair<string, object?>[40];
        for (var i = 0; i < fields.Length; i++)
        {
            object value = i % 2 == 0 ? Leaf(i) : new[] { Leaf(i * 100), Leaf((i * 100) + 1) };
            fields[i] = new($"f{i}", value);
        }

        var node = new SyntaxNode("Wide", new TextSpan(0, 10_000), true, fields);

        // When its children are read back
        // Then each names the field that holds it, and the fields keep their names, order and values
        Assert.Equal(fields.Select(field => field.Key), node.FieldNames);
        for (var i = 0; i < fields.Length; i++)
        {
            var children = i % 2 == 0 ? [node.Child($"f{i}")!] : node.Children($"f{i}");
            Assert.Equal(i % 2 == 0 ? 1 : 2, children.Count);
            Assert.All(children, child => Assert.Equal($"f{i}", child.ParentField));
            Assert.All(children, child => Assert.Same(node, child.Parent));
        }

        Assert.Equal(60, node.Descendants().Count());
    }

    [Fact]
    public void Should_Read_Every_Node_Back_When_A_Thread_Meets_More_Shapes_Than_Its_Layout_Table_Holds()
    {
        // Given nodes of 2,000 kinds made on one thread (the table is emptied and refilled on the way), the first ones kept
        var made = Enumerable.Range(0, 2_000)
            .Select(i => new SyntaxNode($"Kind{i}", new TextSpan(i, i + 1), true, [new("id", $"v{i}"), new($"f{i % 7}", $"w{i}")]))
            .ToList();

        // When they are read back after the others were made
        // Then each keeps its own kind, fields and values
        for (var i = 0; i < made.Count; i++)
        {
            Assert.Equal($"Kind{i}", made[i].Kind);
            Assert.Equal(["id", $"f{i % 7}"], made[i].FieldNames);
            Assert.Equal($"v{i}", made[i].Scalar("id"));
            Assert.Equal($"w{i}", made[i].Scalar($"f{i % 7}"));
        }
    }

    [Theory]
    [InlineData("(a.b, c[0], [d, *e]) = f\n", "Tuple:Store Attribute:Store Name:Load Subscript:Store Name:Load List:Store Name:Store Starred:Store Name:Store Name:Load")]
    [InlineData("del a.b, c, (d,)\n", "Attribute:Del Name:Load Name:Del Tuple:Del Name:Del")]
    [InlineData("() = []\n", "Tuple:Store List:Load")]
    public void Should_Give_Targets_Their_Context_In_Place_Without_Changing_Equal_Loads(string line, string expected)
    {
        // Given a module whose targets are parsed as loads first and then moved to the Store or Del context in place (an
        // empty tuple's context is its only field), followed by loads of the same names (whose leaf values the parser shares)
        var module = InProcessParser.TryParse("m.py", line + "a.b, c, d, e, f, (), []\n", SourceEncoding.Utf8, comments: false)!.Module!;

        // When the contexts are read back in source order
        string Contexts(SyntaxNode statement) => string.Join(' ', statement.Descendants()
            .Where(node => node.Scalar("ctx") is not null)
            .Select(node => $"{node.Kind}:{node.Scalar("ctx")}"));

        // Then the targets have theirs and the loads after them kept theirs
        Assert.Equal(expected, Contexts(module.Root.Children("body")[0]));
        Assert.Equal("Tuple:Load Attribute:Load Name:Load Name:Load Name:Load Name:Load Name:Load Tuple:Load List:Load", Contexts(module.Root.Children("body")[1]));
    }

    private static SyntaxNode Leaf(int position) => new("Name", new TextSpan(position, position + 1), true, [new("id", "x"), new("ctx", "Load")]);
}
