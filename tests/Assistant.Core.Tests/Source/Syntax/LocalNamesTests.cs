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
    [InlineData("def f(x):\n    del p\n    return p\n", true)]
    [InlineData("def f(x):\n    def g():\n        nonlocal x\n        p = x\n    return p\n", false)]
    [InlineData("def f(x):\n    class C:\n        p = 1\n    return p\n", false)]
    [InlineData("def f(x):\n    if x:\n        def p():\n            pass\n    return p\n", true)]
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

    [Fact]
    public void Should_Answer_Each_Name_Of_One_Function_By_What_That_Name_Is()
    {
        // Given one function that assigns a, reads a module name b, and holds a nested function assigning b
        var module = InProcessParser.TryParse("m.py", "def f(x):\n    a = x\n    def g():\n        b = 1\n        return b\n    return a, b\n", SourceEncoding.Utf8, comments: false)!.Module!;
        var reads = module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") == "Load").ToList();

        // When every read is asked about, the outer function's twice over (its bindings are read once and kept)
        var answers = reads.Concat(reads).Select(n => $"{n.Scalar("id")}@{n.Span.Start}={LocalNames.IsLocal(n, n.Scalar("id")!)}").Distinct().ToList();

        // Then x and a are f's, the b g returns is g's, and the b f returns is the module's
        Assert.Equal(["x@18=True", "b@62=True", "a@75=True", "b@78=False"], answers);
    }
}
