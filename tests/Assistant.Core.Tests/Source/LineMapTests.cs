using Assistant.Core.Source;

namespace Assistant.Core.Tests.Source;

public sealed class LineMapTests
{
    [Fact]
    public void Should_Split_Lines_Like_The_Python_Tokenizer()
    {
        // \f and \u2028 are not line breaks for Python; \r alone is.
        var map = LineMap.For("a\r\nb\rc\nd\fe\u2028f\n");
        Assert.Equal(4, map.LineCount);
        Assert.Equal(3, map.LineStart(2));
        Assert.Equal(5, map.LineStart(3));
        Assert.Equal((4, 2), map.Position(9));
    }
}
