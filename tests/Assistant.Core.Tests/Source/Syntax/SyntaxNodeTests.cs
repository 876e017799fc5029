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
