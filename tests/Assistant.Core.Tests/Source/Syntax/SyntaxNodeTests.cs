using Assistant.Core.Python;
using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Source.Syntax;

public sealed class SyntaxNodeTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private const string Text = "import os\n\n@dec(a=1, *rest, **kw)\ndef f(x, y=2, *args, k=None, **kwargs):\n    d = {**kw, 'a': [i for i in x if i]}\n    with open(x) as h, open(y):\n        return lambda z: (z, h)\n\nclass C(Base, metaclass=M):\n    def g(self): ...\n";

    [Fact]
    public async Task Should_List_Descendants_Depth_First_In_Source_Order_From_Any_Node()
    {
        // Given a parsed module
        var module = await shared.Parser.ModuleAsync(Text);

        // When descendants are asked from the root and from every node below it, with and without pruning
        foreach (var node in module.Root.DescendantsAndSelf().ToList())
        {
            // Then they are what a plain recursive walk over the ordered children gives
            Assert.Equal(Walk(node, null), node.Descendants());
            Assert.Equal(Walk(node, IsNotFunction), node.Descendants(IsNotFunction));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Should_List_Children_In_Source_Order_Whatever_Order_Their_Fields_Hold_Them(bool inProcess)
    {
        // Given modules whose fields hold children out of source order (dict keys then values, a def's decorators after its
        // body, defaults after parameters, an if-expression's body before its test, keywords before a starred argument,
        // f-string parts that all share one span), from the in-process parser and from the worker
        var parser = inProcess ? shared.Parser : new ModuleParser(shared.Worker, inProcess: false);
        var bigDict = "big = {" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"'k{i}': {i}")) + ", **rest}\n";
        var module = await parser.ModuleAsync(Text + OutOfOrder + bigDict);

        // When each node's children are listed
        foreach (var node in module.Root.DescendantsAndSelf().ToList())
        {
            // Then they are its fields' nodes (without "Missing" placeholders) in a stable sort by span
            var fieldOrder = node.FieldNames.SelectMany(field => node.Child(field) is { } child ? [child] : node.Children(field))
                .Where(child => !child.Is("Missing"));
            Assert.Equal(fieldOrder.OrderBy(child => child.Span), node.ChildNodes());
        }

        Assert.Equal(module.Root.Descendants().Count(), module.Root.Descendants().Distinct().Count());
    }

    private const string OutOfOrder = "@app.task(retries=3)\ndef g(a, b=1, *c, d, e=2, **f) -> int:\n    return {1: x if y else z, **kw, 2: f(k=1, *rest)}\n"
        + "s = f'{a!r:>{w}} and {b}' 'tail'\nh = lambda p, q=3: {p: q}\n";

    private static bool IsNotFunction(SyntaxNode node) => !node.Is("FunctionDef") && !node.Is("Lambda");

    private static List<SyntaxNode> Walk(SyntaxNode node, Func<SyntaxNode, bool>? descendInto)
    {
        var found = new List<SyntaxNode>();
        foreach (var child in node.ChildNodes())
        {
            found.Add(child);
            if (descendInto is null || descendInto(child))
            {
                found.AddRange(Walk(child, descendInto));
            }
        }

        return found;
    }
}
