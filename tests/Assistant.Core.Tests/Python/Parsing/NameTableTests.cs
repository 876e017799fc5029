using Assistant.Core.Python.Parsing;

namespace Assistant.Core.Tests.Python.Parsing;

public sealed class NameTableTests
{
    private static string Intern(NameTable table, string name, out bool reserved)
    {
        var hash = NameTable.EmptyHash;
        foreach (var c in name)
        {
            hash = NameTable.Hash(hash, c);
        }

        return table.Intern(name.AsSpan(), hash, out reserved);
    }

    [Fact]
    public void Should_Keep_Each_Name_Once_And_Tell_Reserved_Words_Through_Growth()
    {
        // Given the thread's table and many more names than it first has room for
        var table = NameTable.ForModule();
        var names = Enumerable.Range(0, 20_000).Select(i => $"name_{i}").ToList();

        // When each is interned from a copy, twice
        var first = names.Select(name => Intern(table, new string(name.AsSpan()), out _)).ToList();
        var second = names.Select(name => Intern(table, new string(name.AsSpan()), out var reserved) is var kept && !reserved ? kept : null).ToList();

        // Then each name has one string, equal to it, and none is reserved; reserved words are, as the parser's literals
        Assert.Equal(names, first);
        Assert.All(names.Select((_, i) => (first[i], second[i])), pair => Assert.Same(pair.Item1, pair.Item2));
        foreach (var word in Keywords.All)
        {
            Assert.Same(word, Intern(table, new string(word.AsSpan()), out var reserved));
            Assert.True(reserved, word);
        }

        Assert.False(Intern(table, "match", out var soft) is null || soft, "soft keywords are identifiers");
    }
}
