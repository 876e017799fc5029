using System.Text;
using System.Text.Json;
using Assistant.Core.Python;

namespace Assistant.Core.Tests.Python;

public sealed class SyntaxTreeReaderTests
{
    private const string Kinds = """[["Module",["body"]],["Expr",["value"]],["Name",["id","ctx"]]]""";

    [Fact]
    public void Should_Read_A_Tree_With_Escaped_Names_And_Spaces_Between_Tokens()
    {
        var line = $$"""{ "id" : 3 , "ok" : true , "result" : { "kinds" : {{Kinds}} , "tree" : [0, 0, 4, [[1, 0, 4, [2, 0, 4, "\u00e9t\"\\", "Load"]]]] } }""";

        var answer = SyntaxTreeReader.ReadAnswer(Encoding.UTF8.GetBytes(line))!;

        var name = answer.Root!.Children("body")[0].Child("value")!;
        Assert.Equal("ét\"\\", name.Scalar("id"));
        Assert.Equal("Load", name.Scalar("ctx"));
        Assert.Equal(new Assistant.Core.Source.TextSpan(0, 4), name.Span);
        Assert.Empty(answer.Comments);
        Assert.Null(answer.SyntaxError);
    }

    [Fact]
    public void Should_Give_No_Answer_For_A_Failed_Request()
    {
        var line = """{"id":3,"ok":false,"error":{"type":"ValueError","message":"no"}}""";
        Assert.Null(SyntaxTreeReader.ReadAnswer(Encoding.UTF8.GetBytes(line)));
    }

    [Theory]
    [InlineData("""{"id":3,"ok":true,"result":{"kinds":[["Module",["body"]]],"tree":[0,0,1""")]
    [InlineData("""{"id":3,"ok":true,"result":{"kinds":[["Module",["body"]]],"tree":[7,0,1]}}""")]
    [InlineData("""{"id":3,"ok":true,"result":{"kinds":[["Module",["body"]]],"tree":[0,0,1,null,null]}}""")]
    [InlineData("""{"id":3,"ok":true,"result":{"kinds":[["Module",["body"]]],"tree":[0,0,1]}} trailing""")]
    [InlineData("""{"id":3,"ok":true,"result":{"kinds":[["Module",["body"]]],"tree":[0,0,1,"\q"]}}""")]
    [InlineData("""{"id":3,"ok":tru,"result":{}}""")]
    [InlineData("this is not json")]
    public void Should_Reject_An_Answer_That_Is_Not_A_Well_Formed_Tree(string line)
    {
        Assert.Throws<JsonException>(() => SyntaxTreeReader.ReadAnswer(Encoding.UTF8.GetBytes(line)));
    }

    [Theory]
    [InlineData("""{"id":42,"ok":true,"result":{}}""", 42L)]
    [InlineData("""{"ok":true,"id":42,"result":{"id":7}}""", 42L)]
    [InlineData("""{"id":null,"ok":false,"error":{}}""", null)]
    [InlineData("""{ "id" : 5 }""", 5L)]
    public void Should_Find_The_Id_Of_An_Answer_Line(string line, long? expected)
    {
        Assert.Equal(expected, WorkerProcess.AnswerId(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Should_Refuse_A_Line_That_Is_Not_Json_When_Looking_For_Its_Id()
    {
        Assert.ThrowsAny<JsonException>(() => WorkerProcess.AnswerId("this is not json"u8));
    }
}
