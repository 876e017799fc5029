using Assistant.Core.Python;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Python;

public sealed class ParseCacheTests
{
    private static ParseCache.Key Key(string path, string text, bool comments = true) => ParseCache.Key.Of(path, text, SourceEncoding.Utf8, comments);

    private static ParseOutcome Outcome(string message) => new(null, new SyntaxDiagnostic(1, 1, 0, message, null));

    [Fact]
    public void Should_Find_A_Parse_By_An_Equal_Key_Made_From_Another_String_Of_The_Same_Text()
    {
        // Given a cache holding the parse of a text
        var cache = new ParseCache(4);
        var parse = Outcome("a");
        cache.Add(Key("a.py", "x = 1\n"), parse);

        // When it is asked with a key of an equal text that is another string, and with keys that differ in one part
        var copy = new string("x = 1\n".AsSpan());

        // Then only the equal key finds it
        Assert.Same(parse, cache.Find(Key("a.py", copy)));
        Assert.Null(cache.Find(Key("b.py", "x = 1\n")));
        Assert.Null(cache.Find(Key("a.py", "x = 2\n")));
        Assert.Null(cache.Find(Key("a.py", "x = 1\n", comments: false)));
        Assert.Null(cache.Find(ParseCache.Key.Of("a.py", "x = 1\n", SourceEncoding.Utf8 with { HasBom = true }, true)));
    }

    [Fact]
    public void Should_Keep_The_First_Parse_When_The_Same_Key_Is_Added_Again()
    {
        var cache = new ParseCache(4);
        var first = Outcome("first");
        cache.Add(Key("a.py", "x = 1\n"), first);

        cache.Add(Key("a.py", "x = 1\n"), Outcome("second"));

        Assert.Same(first, cache.Find(Key("a.py", "x = 1\n")));
    }

    [Fact]
    public void Should_Drop_The_Least_Recently_Used_Parse_When_Full()
    {
        // Given a full cache of two, whose older entry was just used
        var cache = new ParseCache(2);
        cache.Add(Key("a.py", "a"), Outcome("a"));
        cache.Add(Key("b.py", "b"), Outcome("b"));
        Assert.NotNull(cache.Find(Key("a.py", "a")));

        // When a third parse is added
        cache.Add(Key("c.py", "c"), Outcome("c"));

        // Then the one used longest ago is gone, the others remain
        Assert.Null(cache.Find(Key("b.py", "b")));
        Assert.NotNull(cache.Find(Key("a.py", "a")));
        Assert.NotNull(cache.Find(Key("c.py", "c")));
    }

    [Fact]
    public void Should_Keep_As_Many_Parses_As_Asked_From_Then_On_And_Never_Fewer_Than_Before()
    {
        var cache = new ParseCache(2);
        cache.KeepAtLeast(4);
        cache.KeepAtLeast(1);

        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            cache.Add(Key(name + ".py", name), Outcome(name));
        }

        Assert.All(new[] { "a", "b", "c", "d" }, name => Assert.NotNull(cache.Find(Key(name + ".py", name))));
        cache.Add(Key("e.py", "e"), Outcome("e"));
        Assert.Null(cache.Find(Key("a.py", "a")));
    }
}
