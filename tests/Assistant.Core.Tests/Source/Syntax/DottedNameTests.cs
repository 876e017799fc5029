using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Source.Syntax;

public sealed class DottedNameTests
{
    [Theory]
    [InlineData("x", "x")]
    [InlineData("a.b", "a.b")]
    [InlineData("flytekit.core.workflow.ImperativeWorkflow", "flytekit.core.workflow.ImperativeWorkflow")]
    [InlineData("(a).b.c", "a.b.c")]
    [InlineData("f().b", null)]
    [InlineData("a[0].b", null)]
    [InlineData("'s'.join", null)]
    [InlineData("1", null)]
    public void Should_Spell_A_Chain_Of_Names_And_Attributes_And_Nothing_Else(string expression, string? expected)
    {
        // Given an expression statement
        var module = InProcessParser.TryParse("m.py", expression + "\n", SourceEncoding.Utf8, comments: false)!.Module!;

        // When its expression's dotted name is asked for
        var name = module.Root.Children("body")[0].Child("value")!.DottedName();

        // Then it is the chain's names joined with dots, or null for anything that is not such a chain
        Assert.Equal(expected, name);
    }
}
