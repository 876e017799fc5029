using Assistant.Core.Python.Parsing;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Python.Parsing;

public sealed class NodeListPoolTests
{
    [Fact]
    public void Should_Lend_A_List_Again_Once_A_Node_Has_Copied_It_And_Never_Take_A_List_It_Did_Not_Lend()
    {
        // Given a lent list and a list of the caller's own, each made into a node's field
        var pool = NodeListPool.Current;
        var lent = pool.Rent(SyntaxNodeBuilder.Node("Pass", 0, 4));
        var own = new List<SyntaxNode?> { SyntaxNodeBuilder.Node("Pass", 5, 9) };
        var first = SyntaxNodeBuilder.Positionless("Module", ("body", lent));
        var second = SyntaxNodeBuilder.Positionless("Module", ("body", own));

        // When lists are asked for again
        var next = pool.Rent();

        // Then the nodes keep their children, the lent list comes back empty, and the caller's own list is left alone
        Assert.Single(first.Children("body"));
        Assert.Single(second.Children("body"));
        Assert.Same(lent, next);
        Assert.Empty(next);
        Assert.Single(own);
    }
}
