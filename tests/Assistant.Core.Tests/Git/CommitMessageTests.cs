using Assistant.Core.Git;

namespace Assistant.Core.Tests.Git;

public sealed class CommitMessageTests
{
    [Fact]
    public void Should_Write_Subject_Body_And_Trailer_Block_Separated_By_Blank_Lines()
    {
        var request = new CommitRequest("flowmigrate: etl — decorators")
        {
            Body = "\nApplied: FLY010\r\nTODO: 1\n\n",
            Trailers = [new("Flowmigrate-Flow", "flows/etl.py:etl"), new("Flowmigrate-Step", "decorators")],
        };

        Assert.Equal(
            "flowmigrate: etl — decorators\n\nApplied: FLY010\nTODO: 1\n\nFlowmigrate-Flow: flows/etl.py:etl\nFlowmigrate-Step: decorators\n",
            CommitMessage.Format(request));
    }

    [Fact]
    public void Should_Write_Only_The_Subject_When_There_Is_No_Body_Or_Trailer()
    {
        Assert.Equal("subject\n", CommitMessage.Format(new CommitRequest("  subject ")));
    }

    [Fact]
    public void Should_Put_Trailers_Right_After_The_Subject_When_There_Is_No_Body()
    {
        var request = new CommitRequest("subject") { Trailers = [new("Flowmigrate-Step", "env")] };

        Assert.Equal("subject\n\nFlowmigrate-Step: env\n", CommitMessage.Format(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    public void Should_Reject_A_Subject_That_Is_Not_One_Line(string subject)
    {
        Assert.Throws<ArgumentException>(() => new CommitRequest(subject));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("Has Space", "v")]
    [InlineData("Key:", "v")]
    [InlineData("-Key", "v")]
    [InlineData("Key", "")]
    [InlineData("Key", "two\nlines")]
    public void Should_Reject_A_Trailer_Git_Would_Not_Read_Back(string key, string value)
    {
        Assert.Throws<ArgumentException>(() => new CommitTrailer(key, value));
    }

    [Theory]
    [InlineData("", "a@example.com")]
    [InlineData("Name <x>", "a@example.com")]
    [InlineData("Name", "a@example.com>")]
    public void Should_Reject_An_Identity_Git_Would_Misread(string name, string email)
    {
        Assert.Throws<ArgumentException>(() => new GitIdentity(name, email));
    }
}
