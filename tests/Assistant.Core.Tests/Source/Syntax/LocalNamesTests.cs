using Assistant.Core.Python.Parsing;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Source.Syntax;

public sealed class LocalNamesTests
{
    [Theory]
    [InlineData("def f(p):\n    return p\n", true)]
    [InlineData("def f(*, p=1):\n    return p\n", true)]
    [InlineData("def f(**p):\n    return p\n", true)]
    [InlineData("g = lambda p: p\n", true)]
    [InlineData("def f(x):\n    p = x\n    return p\n", true)]
    [InlineData("def f(x):\n    for p in x:\n        print(p)\n", true)]
    [InlineData("def f(x):\n    return p\n", false)]
    [InlineData("def f(x):\n    global p\n    p = x\n    return p\n", false)]
    [InlineData("def f(x):\n    def g(p):\n        pass\n    return p\n", false)]
    [InlineData("print(p)\n", false)]
    public void Should_Tell_A_Functions_Own_Variable_From_The_Modules(string code, bool local)
    {
        // Given a module whose last read of p is the one asked about
        var module = InProcessParser.TryParse("m.py", code, SourceEncoding.Utf8, comments: false)!.Module!;
        var use = module.Root.Descendants().Last(n => n.Is("Name") && n.Scalar("id") == "p" && n.Scalar("ctx") == "Load");

        // When it is asked whether that read is of a local
        var isLocal = LocalNames.IsLocal(use, "p");

        // Then a parameter of an enclosing function or lambda, or a name the function assigns (without global), is local
        Assert.Equal(local, isLocal);
    }
}
